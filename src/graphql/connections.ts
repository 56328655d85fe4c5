import { Footnote, Indicator, Measure, Policy, Project, Target } from '../entities';
import { connectionType } from './connection';

export const PolicyConnection = connectionType(Policy, 'policies');
export const MeasureConnection = connectionType(Measure, 'measures');
export const ProjectConnection = connectionType(Project, 'projects');
export const IndicatorConnection = connectionType(Indicator, 'indicators');
export const FootnoteConnection = connectionType(Footnote, 'footnotes');
export const TargetConnection = connectionType(Target, 'targets (cells)');
