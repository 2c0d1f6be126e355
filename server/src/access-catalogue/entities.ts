import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SealedSecret } from '../common/secret-seal.js';

export abstract class CatalogueRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** How a system's part of an order is carried out: by its administrators, or over SCIM 2.0. */
export const FULFILMENTS = ['MANUAL', 'SCIM'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

/** A local or regional system (Melior, ELVIS, Heroma …) whose access is ordered through templates. */
@Entity('local_system')
export class LocalSystem extends CatalogueRecord {
  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The organisation or team that owns the system. */
  @Column({ type: 'varchar' })
  owner!: string;

  @Column({ type: 'varchar' })
  fulfilment!: Fulfilment;

  @Column({ name: 'scim_base_url', type: 'varchar', nullable: true })
  scimBaseUrl!: string | null;

  /** The SCIM bearer token, sealed (common/secret-seal.ts); never answered. */
  @Column({ name: 'scim_token_sealed', type: 'jsonb', nullable: true })
  scimTokenSealed!: SealedSecret | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

/** A role in a system; on a SCIM system, the SCIM Group it maps to. */
@Entity('system_role')
export class SystemRole extends CatalogueRecord {
  @Column({ name: 'system_id', type: 'uuid' })
  systemId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'scim_group', type: 'varchar', nullable: true })
  scimGroup!: string | null;
}

/** Område. */
@Entity('access_area')
export class AccessArea extends CatalogueRecord {
  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;
}

/** Verksamhet: belongs to an område and has a responsible head in the directory. */
@Entity('access_operation')
export class AccessOperation extends CatalogueRecord {
  @Column({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'head_person_id', type: 'uuid' })
  headPersonId!: string;
}

/** Yrkeskategori. */
@Entity('profession')
export class Profession extends CatalogueRecord {
  @Column({ type: 'varchar' })
  name!: string;
}

/** Behörighetsmall: a named bundle of system roles of a verksamhet, offered to professions. */
@Entity('access_template')
export class AccessTemplate extends CatalogueRecord {
  @Column({ name: 'operation_id', type: 'uuid' })
  operationId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

@Entity('access_template_role')
export class AccessTemplateRole {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @PrimaryColumn({ name: 'system_role_id', type: 'uuid' })
  systemRoleId!: string;
}

@Entity('access_template_profession')
export class AccessTemplateProfession {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @PrimaryColumn({ name: 'profession_id', type: 'uuid' })
  professionId!: string;
}

export const accessCatalogueEntities = [
  LocalSystem,
  SystemRole,
  AccessArea,
  AccessOperation,
  Profession,
  AccessTemplate,
  AccessTemplateRole,
  AccessTemplateProfession,
];
