import { Column } from 'typeorm';
import { Field, Float, ObjectType } from 'type-graphql';
import type { PlanValueData } from '../domain/plan-value.types';
import { Comparator, ValueKind } from './enums';

/** Embedded in Target (and later Actual) as value_* columns. */
@ObjectType({
  description:
    'A typed reading of one cell of the plan, kept next to its raw text: a number with unit and scale applied, ' +
    'a comparator (未満, 程度, 以上, 以下), a text status, or the maintain span.',
})
export class PlanValue implements PlanValueData {
  @Field({
    description: 'The cell text as printed, without footnote markers (e.g. 「44 万㎡」, 「5%未満」, 「実施」).',
  })
  @Column({ name: 'raw', type: 'text' })
  raw!: string;

  @Field(() => ValueKind, { description: 'How the value is to be read.' })
  @Column({ name: 'kind', type: 'text' })
  kind!: ValueKind;

  @Field(() => Float, {
    nullable: true,
    description: 'The number in base units with the scale applied (44 万㎡ → 440000; 147,368 千円 → 147368000).',
  })
  @Column({ name: 'number', type: 'double precision', nullable: true })
  number!: number | null;

  @Field(() => String, { nullable: true, description: 'Base unit of `number` (㎡, 円, 件, %, 人 …), if printed.' })
  @Column({ name: 'unit', type: 'text', nullable: true })
  unit!: string | null;

  @Field(() => Comparator, {
    nullable: true,
    description: 'How the number compares: EQ for a plain number, LT for 未満, APPROX for 程度 …; null for text.',
  })
  @Column({ name: 'comparator', type: 'text', nullable: true })
  comparator!: Comparator | null;

  @Field(() => String, { nullable: true, description: 'The status text (実施, 検討・実施 …) or the maintain phrase.' })
  @Column({ name: 'text', type: 'text', nullable: true })
  text!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A remark printed with the value: 「実施 (パンフレット作成含む)」 → パンフレット作成含む.',
  })
  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;
}
