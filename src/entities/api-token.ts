import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

import type { Role } from '../domain/vocabulary';
export { ROLES as roles, type Role } from '../domain/vocabulary';

/** A bearer token; only its SHA-256 is stored, the token itself is shown once when created. */
@Entity({ name: 'api_token' })
export class ApiToken {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'role', type: 'text' })
  role!: Role;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** The measures an editor token may write to; none listed means every measure. */
@Entity({ name: 'api_token_measure' })
export class ApiTokenMeasure {
  @PrimaryColumn({ name: 'token_id', type: 'int' })
  tokenId!: number;

  @PrimaryColumn({ name: 'measure_id', type: 'int' })
  measureId!: number;
}

/** A word of the ordered scale of text statuses (中止 < … < 実施); plan_id null = every plan. */
@Entity({ name: 'status_level' })
export class StatusLevel {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'plan_id', type: 'int', nullable: true })
  planId!: number | null;

  @Column({ name: 'word', type: 'text' })
  word!: string;

  @Column({ name: 'rank', type: 'int' })
  rank!: number;
}
