import { Field, Int, ObjectType } from 'type-graphql';
import { ActualRevision, Node, PlanValue } from '../../entities';
import { ActualStatus } from '../../entities/enums';
import type { ActualView } from '../../services/visibility';

/** The GraphQL face of an ActualView (services/visibility.ts): what the caller's scope shows of an actual. */
@ObjectType('Actual', {
  implements: Node,
  description:
    'The achieved value of one indicator for one fiscal year, recorded through review (DRAFT → SUBMITTED → ' +
    'APPROVED). The public sees the latest approved revision; a token holder sees the latest revision.',
})
export class ActualType extends Node {
  constructor(readonly view: ActualView) {
    super();
    this.id = view.actual.id;
  }

  get nodeType(): 'Actual' {
    return 'Actual';
  }

  @Field(() => PlanValue, { description: 'The achieved value, typed with the plan’s value grammar.' })
  get value(): PlanValue {
    return this.view.shown.value;
  }

  @Field(() => String, { nullable: true, description: 'The note recorded with the value.' })
  get note(): string | null {
    return this.view.shown.note;
  }

  @Field(() => ActualStatus, { description: 'Review status of the revision shown.' })
  get status(): ActualStatus {
    return this.view.shown.status;
  }

  @Field(() => Int, {
    description: 'Number of the revision shown; a token holder passes it as `expectedRevision` to revise the actual.',
  })
  get revision(): number {
    return this.view.shown.revision;
  }

  @Field(() => Int, { nullable: true, description: 'Number of the latest approved revision, if any.' })
  get approvedRevision(): number | null {
    return this.view.actual.approvedRevision;
  }

  @Field({ description: 'Who recorded the value (the name of their token).' })
  get recordedBy(): string {
    return this.view.valueRevision.recordedBy;
  }

  @Field(() => Date, { description: 'When the value was recorded.' })
  get recordedAt(): Date {
    return this.view.valueRevision.at;
  }

  @Field(() => [ActualRevision], {
    description:
      'Every revision, oldest first: value, note, status, who and when. The public sees the approval steps only.',
  })
  get history(): ActualRevision[] {
    return this.view.history;
  }
}

export function actualType(view: ActualView): ActualType {
  return new ActualType(view);
}
