import { readFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** The machine a run was measured on. */
export interface MachineSummary {
  node: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run ended. */
  loadAverage: number[];
  oneLine: string;
}

/** Node version, CPU model (from /proc/cpuinfo where there is one), cores, memory and load. */
export async function machineSummary(): Promise<MachineSummary> {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpuModel;
  } catch {
    // Not Linux: os.cpus() already gave a model.
  }
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
  const summary = {
    node: process.version,
    cpuModel,
    cores: cpus().length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
  return {
    ...summary,
    oneLine: [
      summary.cpuModel,
      `${summary.cores} cores`,
      `${summary.memoryGiB} GiB`,
      `Node ${summary.node}`,
      `load ${summary.loadAverage.join(' ')}`,
    ].join(', '),
  };
}
