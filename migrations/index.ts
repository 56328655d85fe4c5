import { PlanGraph1764633600000 } from './1764633600000-PlanGraph';
import { ProgressTracking1764720000000 } from './1764720000000-ProgressTracking';
import { Slicing1764806400000 } from './1764806400000-Slicing';
import { ReportingCycle1764900000000 } from './1764900000000-ReportingCycle';
import { Events1764910000000 } from './1764910000000-Events';
import { GradingAndEvaluations1764920000000 } from './1764920000000-GradingAndEvaluations';
import { Evaluations1764925000000 } from './1764925000000-Evaluations';
import { PlanTerms1764930000000 } from './1764930000000-PlanTerms';

/** Every migration, in order. Listed explicitly so the compiled server and the CLI need no glob. */
export const migrations = [
  PlanGraph1764633600000,
  ProgressTracking1764720000000,
  Slicing1764806400000,
  ReportingCycle1764900000000,
  Events1764910000000,
  GradingAndEvaluations1764920000000,
  Evaluations1764925000000,
  PlanTerms1764930000000,
];
