import type { ActualAction, ActualStatus } from './vocabulary';

// The review every recorded value goes through (actuals, measure evaluations): DRAFT → SUBMITTED → APPROVED,
// or back to DRAFT when returned. Each step is a new revision; this table is the one statement of the rule.

export type ReviewStep = 'submit' | 'approve' | 'return';

export interface ReviewTransition {
  from: ActualStatus;
  to: ActualStatus;
  action: ActualAction;
  /** Past participle for messages ("already approved"). */
  done: string;
}

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStep, ReviewTransition>> = {
  submit: { from: 'DRAFT', to: 'SUBMITTED', action: 'SUBMITTED', done: 'submitted' },
  approve: { from: 'SUBMITTED', to: 'APPROVED', action: 'APPROVED', done: 'approved' },
  return: { from: 'SUBMITTED', to: 'DRAFT', action: 'RETURNED', done: 'returned' },
};
