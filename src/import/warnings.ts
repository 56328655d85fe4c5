/**
 * A warning as the stages produce it: the source line it is about, so the final list can be put in document order
 * even though some warnings (years that disagree, a header that differs from the others) are only known at the end.
 */
export interface Warning {
  line: number;
  message: string;
}

/** Document order, stable for warnings about the same line. */
export function orderWarnings(warnings: Warning[]): string[] {
  return warnings
    .map((w, i) => ({ ...w, i }))
    .sort((a, b) => a.line - b.line || a.i - b.i)
    .map((w) => w.message);
}
