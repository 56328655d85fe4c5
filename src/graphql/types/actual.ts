import { Field, Int, ObjectType } from 'type-graphql';
import { ActualRevision, Node, PlanValue, type Actual } from '../../entities';
import { ActualStatus } from '../../entities/enums';

/** Who is looking: the public sees approved revisions only; a token holder sees drafts too. */
export type Visibility = 'public' | 'editor';

/**
 * An actual as one viewer sees it: for the public, its latest approved revision; for a token holder,
 * its latest revision. The value, note and footnotes come from the revision that recorded the value.
 */
@ObjectType('Actual', {
  implements: Node,
  description:
    'The achieved value of one indicator for one fiscal year, recorded through review (DRAFT → SUBMITTED → ' +
    'APPROVED). The public sees the latest approved revision; a token holder sees the latest revision.',
})
export class ActualView extends Node {
  constructor(
    readonly actual: Actual,
    /** Every revision, ascending. */
    readonly revisions: ActualRevision[],
    readonly visibility: Visibility,
    /** The revision shown. */
    readonly shown: ActualRevision,
  ) {
    super();
    this.id = actual.id;
  }

  get nodeType(): 'Actual' {
    return 'Actual';
  }

  /** The revision that recorded the value shown (approvals and returns carry it on). */
  get valueRevision(): ActualRevision {
    const recorded = this.revisions.filter((r) => r.action === 'RECORDED' && r.revision <= this.shown.revision);
    return recorded[recorded.length - 1] ?? this.shown;
  }

  @Field(() => PlanValue, { description: 'The achieved value, typed with the plan’s value grammar.' })
  get value(): PlanValue {
    return this.shown.value;
  }

  @Field(() => String, { nullable: true, description: 'The note recorded with the value.' })
  get note(): string | null {
    return this.shown.note;
  }

  @Field(() => ActualStatus, { description: 'Review status of the revision shown.' })
  get status(): ActualStatus {
    return this.shown.status;
  }

  @Field(() => Int, {
    description: 'Number of the revision shown; a token holder passes it as `expectedRevision` to revise the actual.',
  })
  get revision(): number {
    return this.shown.revision;
  }

  @Field(() => Int, { nullable: true, description: 'Number of the latest approved revision, if any.' })
  get approvedRevision(): number | null {
    return this.actual.approvedRevision;
  }

  @Field({ description: 'Who recorded the value (the name of their token).' })
  get recordedBy(): string {
    return this.valueRevision.recordedBy;
  }

  @Field(() => Date, { description: 'When the value was recorded.' })
  get recordedAt(): Date {
    return this.valueRevision.at;
  }

  @Field(() => [ActualRevision], {
    description:
      'Every revision, oldest first: value, note, status, who and when. The public sees the approval steps only.',
  })
  get history(): ActualRevision[] {
    return this.visibility === 'editor' ? this.revisions : this.revisions.filter((r) => r.action === 'APPROVED');
  }
}

/** Builds what `visibility` may see of an actual, or null when it may see nothing (never approved). */
export function viewActual(actual: Actual, revisions: ActualRevision[], visibility: Visibility): ActualView | null {
  const wanted = visibility === 'editor' ? actual.revision : actual.approvedRevision;
  const shown = wanted === null ? undefined : revisions.find((r) => r.revision === wanted);
  return shown ? new ActualView(actual, revisions, visibility, shown) : null;
}
