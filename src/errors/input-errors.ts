import { SmmPanelError } from './base-error.js';
import { ErrorCode } from './codes.js';

/** One problem found in a caller's input. */
export interface InputIssue {
  /** Dotted path of the field (`quantity`, `comments`), empty for the whole input. */
  path: string;
  message: string;
}

/** A caller's input was invalid. Nothing was sent. */
export class InvalidInputError extends SmmPanelError {
  override readonly code = ErrorCode.InvalidInput;
  readonly issues: readonly InputIssue[];

  constructor(message: string, issues: readonly InputIssue[] = []) {
    super(ErrorCode.InvalidInput, message);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

/** An option given to a client, a profile or the sandbox was invalid. */
export class InvalidOptionsError extends SmmPanelError {
  override readonly code = ErrorCode.InvalidOptions;
  /** The option's name, as written in the options type. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(ErrorCode.InvalidOptions, `Invalid option ${option}: ${message}`);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}
