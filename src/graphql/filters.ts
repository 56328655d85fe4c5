import { MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Direction, FootnoteCategory, IndicatorKind, ProgressStatus, TargetRole, ValueKind } from '../entities/enums';
import type {
  FootnoteFilterSpec,
  IndicatorFilterSpec,
  MeasureFilterSpec,
  PolicyFilterSpec,
  ProjectFilterSpec,
  TargetFilterSpec,
} from '../services/specs';

// Every filter has planCode and search; the fields of one filter combine with AND. Field names are the
// same wherever they appear, so clients can guess them: planCode, policyNumber, measureId, projectId,
// kind, unit, direction, cumulative, fiscalYear, fiscalYearFrom, fiscalYearTo, valueKind, role,
// footnoteCategory, status (with statusYear), hasActual, search. Each implements the plain spec the
// services take (services/specs.ts).

const SEARCH = 'Case-insensitive substring (full- and half-width forms alike, e.g. ＣＳＩＲＴ = CSIRT)';

@InputType({ description: 'Narrows a list of policies; all given fields must match.' })
export class PolicyFilter implements PolicyFilterSpec {
  @Field(() => String, { nullable: true, description: 'Only policies of the plan with this code.' })
  planCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only the policy with this number (政策 14 → 14).' })
  @Min(1)
  policyNumber?: number | null;

  @Field(() => Int, { nullable: true, description: 'Same as policyNumber (kept for existing clients).' })
  @Min(1)
  number?: number | null;

  @Field(() => String, { nullable: true, description: `${SEARCH} of the title.` })
  @MaxLength(200)
  search?: string | null;
}

@InputType({ description: 'Narrows a list of measures; all given fields must match.' })
export class MeasureFilter implements MeasureFilterSpec {
  @Field(() => String, { nullable: true, description: 'Only measures of the plan with this code.' })
  planCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only measures under the policy with this number.' })
  @Min(1)
  policyNumber?: number | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Only measures with a footnote of this category under their outcome table.',
  })
  footnoteCategory?: FootnoteCategory | null;

  @Field(() => String, { nullable: true, description: `${SEARCH} of the title or purpose.` })
  @MaxLength(200)
  search?: string | null;
}

@InputType({ description: 'Narrows a list of projects; all given fields must match.' })
export class ProjectFilter implements ProjectFilterSpec {
  @Field(() => String, { nullable: true, description: 'Only projects of the plan with this code.' })
  planCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only projects under a measure of the policy with this number.' })
  @Min(1)
  policyNumber?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only projects under the measure with this global ID.' })
  measureId?: string | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Only projects with a footnote of this category under their table.',
  })
  footnoteCategory?: FootnoteCategory | null;

  @Field(() => String, { nullable: true, description: `${SEARCH} of the title or of an approach (実施方針) item.` })
  @MaxLength(200)
  search?: string | null;
}

@InputType({ description: 'Narrows a list of indicators; all given fields must match.' })
export class IndicatorFilter implements IndicatorFilterSpec {
  @Field(() => String, { nullable: true, description: 'Only indicators of the plan with this code.' })
  planCode?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only indicators under the policy with this number (directly or through a project).',
  })
  @Min(1)
  policyNumber?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only indicators of the measure with this global ID (its outcome indicators and its projects’).',
  })
  measureId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only indicators of the project with this global ID.' })
  projectId?: string | null;

  @Field(() => IndicatorKind, {
    nullable: true,
    description: 'Only outcome (成果指標) or only output (実績目標) indicators.',
  })
  kind?: IndicatorKind | null;

  @Field(() => String, { nullable: true, description: 'Only indicators in this base unit (%, 件, ㎡, 円 …).' })
  unit?: string | null;

  @Field(() => Direction, { nullable: true, description: 'Only indicators with this direction.' })
  direction?: Direction | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cumulative (累計) indicators, or only the others.' })
  cumulative?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Only indicators with a cell in this fiscal year.' })
  fiscalYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only indicators with a cell in this fiscal year or later.' })
  fiscalYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only indicators with a cell in this fiscal year or earlier.' })
  fiscalYearTo?: number | null;

  @Field(() => ValueKind, {
    nullable: true,
    description: 'Only indicators with a cell of this kind (in the fiscal years given, if any).',
  })
  valueKind?: ValueKind | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description:
      'Only indicators whose row, or one of whose cells (in the years given), carries a footnote of this category.',
  })
  footnoteCategory?: FootnoteCategory | null;

  @Field(() => ProgressStatus, {
    nullable: true,
    description: 'Only indicators with this progress status in statusYear.',
  })
  status?: ProgressStatus | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The fiscal year `status` is evaluated for (required with status).',
  })
  statusYear?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only indicators with (true) or without (false) an approved actual (in the fiscal years given, if any).',
  })
  hasActual?: boolean | null;

  @Field(() => String, { nullable: true, description: `${SEARCH} of the name.` })
  @MaxLength(200)
  search?: string | null;
}

@InputType({ description: 'Narrows a list of targets (cells); all given fields must match.' })
export class TargetFilter extends IndicatorFilter implements TargetFilterSpec {
  @Field(() => ID, { nullable: true, description: 'Only cells of the indicator with this global ID.' })
  indicatorId?: string | null;

  @Field(() => TargetRole, { nullable: true, description: 'Only baseline estimates, or only targets.' })
  role?: TargetRole | null;
}

@InputType({ description: 'Narrows a list of footnotes; all given fields must match.' })
export class FootnoteFilter implements FootnoteFilterSpec {
  @Field(() => String, { nullable: true, description: 'Only footnotes of the plan with this code.' })
  planCode?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only footnotes printed under a measure or project of this policy.',
  })
  @Min(1)
  policyNumber?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only footnotes printed under the measure with this global ID.' })
  measureId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only footnotes printed under the project with this global ID.' })
  projectId?: string | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Only footnotes of this category, e.g. COVID_ADJUSTMENT.',
  })
  footnoteCategory?: FootnoteCategory | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Same as footnoteCategory (kept for existing clients).',
  })
  category?: FootnoteCategory | null;

  @Field(() => Int, { nullable: true, description: 'Only footnotes that mark a cell of this fiscal year.' })
  fiscalYear?: number | null;

  @Field(() => String, { nullable: true, description: `${SEARCH} of the text.` })
  @MaxLength(200)
  search?: string | null;
}
