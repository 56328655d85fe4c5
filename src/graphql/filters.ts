import { MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FootnoteCategory, IndicatorKind } from '../entities/enums';

// Every filter has planCode and search; the fields of one filter combine with AND.

@InputType({ description: 'Narrows a list of policies; all given fields must match.' })
export class PolicyFilter {
  @Field(() => String, { nullable: true, description: 'Only policies of the plan with this code.' })
  planCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the title (full/half width alike).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only the policy with this number.' })
  @Min(1)
  number?: number | null;
}

@InputType({ description: 'Narrows a list of measures; all given fields must match.' })
export class MeasureFilter {
  @Field(() => String, { nullable: true, description: 'Only measures of the plan with this code.' })
  planCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the title or purpose (full/half width alike).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only measures under the policy with this number.' })
  @Min(1)
  policyNumber?: number | null;
}

@InputType({ description: 'Narrows a list of projects; all given fields must match.' })
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'Only projects of the plan with this code.' })
  planCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the title or of an approach item (full/half width alike).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only projects under the measure with this global ID.' })
  measureId?: string | null;
}

@InputType({ description: 'Narrows a list of indicators; all given fields must match.' })
export class IndicatorFilter {
  @Field(() => String, { nullable: true, description: 'Only indicators of the plan with this code.' })
  planCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the name (full/half width alike).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => IndicatorKind, { nullable: true, description: 'Only outcome or only output indicators.' })
  kind?: IndicatorKind | null;

  @Field(() => ID, { nullable: true, description: 'Only indicators of the measure with this global ID.' })
  measureId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only indicators of the project with this global ID.' })
  projectId?: string | null;
}

@InputType({ description: 'Narrows a list of footnotes; all given fields must match.' })
export class FootnoteFilter {
  @Field(() => String, { nullable: true, description: 'Only footnotes of the plan with this code.' })
  planCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the text (full/half width alike).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Only footnotes of this category, e.g. COVID_ADJUSTMENT.',
  })
  category?: FootnoteCategory | null;
}
