import { ErrorCode, PlatformError, type TErrorCode } from '@persona/shared';

/** The generator's typed error: bad input to an engine (an unreadable image, no LLM where one is required). */
export class GeneratorError extends PlatformError {
  constructor(code: TErrorCode, message: string) {
    super(code, message);
    this.name = 'GeneratorError';
  }

  static imageInvalid(message: string): GeneratorError {
    return new GeneratorError(ErrorCode.ImageInvalid, message);
  }

  static llmRequired(purpose: string): GeneratorError {
    return new GeneratorError(ErrorCode.LlmUnavailable, `The openai ${purpose} engine needs an LLM client; none is configured`);
  }
}
