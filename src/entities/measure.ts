import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node';

@ObjectType({
  implements: Node,
  description: '施策: a measure under a policy, with outcome indicators and key projects.',
})
@Entity({ name: 'measure' })
export class Measure extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Measure' {
    return 'Measure';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'policy_id', type: 'int' })
  policyId!: number;

  @Field(() => Int, { description: 'Order of the measure in the plan document, from 1.' })
  @Column({ name: 'position', type: 'int' })
  position!: number;

  @Field({ description: 'Measure title (施策名) without the 「」 brackets.' })
  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Field({ description: '目的・方向性: the purpose and direction text; paragraphs separated by newlines.' })
  @Column({ name: 'purpose', type: 'text' })
  purpose!: string;

  @Field({
    description:
      'True when no page header inside the measure named its policy and the import inferred it from a neighbouring ' +
      'page (an import warning says so).',
  })
  @Column({ name: 'policy_inferred', type: 'boolean', default: false })
  policyInferred!: boolean;
}
