import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node';

@ObjectType({ implements: Node, description: '政策: a policy of the plan, grouping measures.' })
@Entity({ name: 'policy' })
export class Policy extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Policy' {
    return 'Policy';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Field(() => Int, { description: 'Policy number as printed (政策 14 → 14).' })
  @Column({ name: 'number', type: 'int' })
  number!: number;

  @Field({ description: 'Policy title as printed in the page header.' })
  @Column({ name: 'title', type: 'text' })
  title!: string;
}
