import {
  Arg,
  Field,
  FieldResolver,
  Float,
  InputType,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { GRADING_PRESETS, type GradeLevel as GradeLevelData, type GradingPreset as Preset } from '../../domain/grading';
import type { Language as LanguageValue } from '../../domain/explanation';
import { ProgressStatus } from '../../entities/enums';
import type { GradeData } from '../../services/grading';
import type { GradingScaleRow } from '../../loaders';
import { Language } from './language';

export const GradingPreset = Object.fromEntries(GRADING_PRESETS.map((p) => [p, p])) as { [K in Preset]: K };
export type GradingPreset = Preset;
registerEnumType(GradingPreset, {
  name: 'GradingPreset',
  description: 'A grading scale the API knows by name.',
  valuesConfig: {
    FIVE_LEVEL: {
      description:
        'Kawasaki-style 達成度, five levels: 1 目標を大きく上回って達成 (rate ≥ 120%), 2 目標を達成 (≥ 100%, or ACHIEVED), ' +
        '3 目標を概ね達成 (≥ 80%, or ON_TRACK), 4 目標を下回った (≥ 50%, or BEHIND), 5 目標を大きく下回った (≥ 0, or NOT_ACHIEVED).',
    },
    SABC: {
      description:
        'Yokohama-style S/A/B/C: S ≥ 120%, A ≥ 100% (or ACHIEVED), B ≥ 80% (or ON_TRACK), C below (or NOT_ACHIEVED, BEHIND).',
    },
  },
});

@ObjectType({ description: 'One level of a grading scale.' })
export class GradeLevel {
  @Field({ description: 'The code the city publishes, e.g. "1" or "S".' })
  code!: string;

  @Field({ description: 'The Japanese label.' })
  labelJa!: string;

  @Field({ description: 'The English label.' })
  labelEn!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The level matches an achievement rate ≥ minRate (inclusive); null: reached by status only.',
  })
  minRate!: number | null;

  @Field(() => [ProgressStatus], { description: 'Statuses that map to this level when no rate band matches.' })
  statuses!: ProgressStatus[];
}

@ObjectType({ description: 'How a plan grades its indicators: ordered levels, best first, and the published method.' })
export class GradingScale {
  @Field({ description: 'The name of the scale.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The method text the city publishes with its grades.' })
  method!: string | null;

  @Field(() => GradingPreset, { nullable: true, description: 'The preset the scale came from; null: a custom scale.' })
  preset!: GradingPreset | null;

  @Field(() => [GradeLevel], { description: 'The levels, best first.' })
  levels!: GradeLevel[];
}

@ObjectType({ description: 'A level of the plan’s grading scale reached by a progress reading.' })
export class Grade {
  @Field({ description: 'The level’s code.' })
  code!: string;

  level!: GradeLevelData;

  explanations!: Readonly<Record<LanguageValue, string>>;
}

@InputType({ description: 'One level of a custom grading scale.' })
export class GradeLevelInput {
  @Field({ description: 'The code, unique within the scale.' })
  code!: string;

  @Field({ description: 'The Japanese label.' })
  labelJa!: string;

  @Field({ description: 'The English label.' })
  labelEn!: string;

  @Field(() => Float, { nullable: true, description: 'Matches a rate ≥ minRate; must descend from the best level.' })
  minRate?: number | null;

  @Field(() => [ProgressStatus], { nullable: true, description: 'Statuses mapped to this level (each at most once).' })
  statuses?: ProgressStatus[] | null;
}

@InputType({
  description:
    'A grading scale: a name and either a preset (its levels, and its method unless one is given) or levels.',
})
export class GradingScaleInput {
  @Field(() => GradingPreset, { nullable: true, description: 'Use a preset’s levels; do not give levels with it.' })
  preset?: GradingPreset | null;

  @Field({ description: 'The name of the scale, e.g. 「達成度（5段階）」.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The published method text.' })
  method?: string | null;

  @Field(() => [GradeLevelInput], {
    nullable: true,
    description: 'The levels, best first: at least two, unique codes, minRate descending, each reachable.',
  })
  levels?: GradeLevelInput[] | null;
}

export function gradeType(g: GradeData | null): Grade | null {
  return g === null ? null : { code: g.level.code, level: g.level, explanations: g.explanations };
}

export function gradingScaleType(s: GradingScaleRow): GradingScale {
  return { name: s.name, method: s.method, preset: s.preset, levels: s.levels };
}

@Resolver(() => Grade)
export class GradeResolver {
  @FieldResolver(() => String, {
    description: 'The level’s label. Default JA: cities publish their grades in Japanese.',
  })
  label(
    @Root() grade: Grade,
    @Arg('language', () => Language, { nullable: true, defaultValue: 'JA', description: 'The language (null: JA).' })
    language: LanguageValue | null,
  ): string {
    return (language ?? 'JA') === 'EN' ? grade.level.labelEn : grade.level.labelJa;
  }

  @FieldResolver(() => String, { description: 'How the grade was reached, one sentence.' })
  explanation(
    @Root() grade: Grade,
    @Arg('language', () => Language, { nullable: true, defaultValue: 'EN', description: 'The language (null: EN).' })
    language: LanguageValue | null,
  ): string {
    return grade.explanations[language ?? 'EN'];
  }
}
