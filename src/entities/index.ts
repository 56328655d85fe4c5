import { Actual, ActualRevision } from './actual';
import { ApiToken, ApiTokenMeasure, StatusLevel } from './api-token';
import { FiscalYearClosing } from './fiscal-year-closing';
import { Footnote } from './footnote';
import { Indicator } from './indicator';
import { IndicatorFootnote, MeasureIndicator, MeasureProject, ProjectIndicator, TargetFootnote } from './links';
import { Measure } from './measure';
import { Plan } from './plan';
import { PlanChange } from './plan-change';
import { PlanFiscalYear } from './plan-fiscal-year';
import { Policy } from './policy';
import { Project } from './project';
import { Target } from './target';

export { Footnote, Indicator, IndicatorFootnote, Measure, MeasureIndicator, MeasureProject, Plan, PlanFiscalYear };
export { Policy, Project, ProjectIndicator, Target, TargetFootnote };
export { Actual, ActualRevision, ApiToken, ApiTokenMeasure, StatusLevel };
export { FiscalYearClosing, PlanChange };
export { roles, type Role } from './api-token';
export { PlanValue } from './plan-value';
export { Node } from './node';

export const entities = [
  Plan,
  PlanFiscalYear,
  Policy,
  Measure,
  Project,
  Indicator,
  Target,
  Footnote,
  MeasureIndicator,
  MeasureProject,
  ProjectIndicator,
  TargetFootnote,
  IndicatorFootnote,
  Actual,
  ActualRevision,
  ApiToken,
  ApiTokenMeasure,
  StatusLevel,
  FiscalYearClosing,
  PlanChange,
];
