// Says once, at the start of a run, which suites will skip and why: vitest's default reporter
// shows a skipped suite's count but not its name, where the reason is written.
export default function reportSkips(): void {
  if (process.env.DATABASE_URL === undefined || process.env.DATABASE_URL === '') {
    process.stdout.write(
      'PostgreSQL tests skipped: DATABASE_URL is not set ' +
        '(e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test; CI sets it)\n',
    );
  }
}
