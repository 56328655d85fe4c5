/** The document has no recognisable plan (no 施策名, or no fiscal-year header anywhere). */
export class PlanParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanParseError';
  }
}
