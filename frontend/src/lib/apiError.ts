// Every failed API call becomes an ApiError carrying the RFC 9457 problem the backend sent.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  code?: string; // the token endpoint's finer reason (its RFC 6749 `error` is in `type`)
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number; // 0: the server could not be reached
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get detail(): string | undefined {
    return this.problem.detail || this.problem.title || undefined;
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

function asProblem(body: unknown, status: number): Problem {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const p = body as Problem & { detail?: unknown };
    // FastAPI's own 422 shape: {detail: [{loc, msg}]}
    if (Array.isArray(p.detail)) {
      const errors = (p.detail as Array<{ loc?: unknown[]; msg?: string }>).map((e) => ({
        field: (e.loc ?? []).filter((x) => x !== 'body' && x !== 'query').join('.'),
        message: e.msg ?? '',
      }));
      return { status, errors, detail: errors.map((e) => e.message).join('；') };
    }
    const oauth = body as { error?: unknown; error_description?: unknown; code?: unknown };
    if (typeof oauth.error === 'string' && p.detail === undefined) {
      // the token endpoint answers in RFC 6749 words: {error, error_description}
      const detail = typeof oauth.error_description === 'string' ? oauth.error_description : oauth.error;
      return { ...p, status, type: oauth.error, detail };
    }
    return { ...p, status: p.status ?? status };
  }
  if (typeof body === 'string' && body.trim() && body.length < 300 && !body.trimStart().startsWith('<')) {
    return { status, detail: body.trim() };
  }
  return { status };
}

/** The hey-api error interceptor: turns (parsed body, response) into an ApiError. */
export function toApiError(error: unknown, response: Response | undefined): ApiError {
  if (error instanceof ApiError) return error;
  if (!response) return new ApiError(0, {});
  return new ApiError(response.status, asProblem(error, response.status));
}

/** Field name → messages, for antd Form.setFields. */
export function fieldErrorMap(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (err instanceof ApiError) {
    for (const e of err.fieldErrors) {
      const name = e.field.split('.').pop() || e.field;
      (out[name] ??= []).push(e.message);
    }
  }
  return out;
}
