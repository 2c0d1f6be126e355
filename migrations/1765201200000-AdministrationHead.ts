import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, point 3: the head of an administration (förvaltningschef), to whom an access review
 * escalates the administration's units with open items at the due date (domain.md rule 40). KIV
 * names no such head: the column is BEH's own, set by administrators, and the directory sync never
 * writes it (its upsert of administrations names its columns). Owned by the directory module. A head
 * confers no rights (the escalation is a mail), so no rights_version trigger; a deleted person stops
 * being head, as a deleted head of unit does (the campaign's creator is escalated to instead).
 */
export class AdministrationHead1765201200000 implements MigrationInterface {
  name = 'AdministrationHead1765201200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE administration ADD COLUMN head_person_id uuid REFERENCES person(id) ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE administration DROP COLUMN head_person_id`);
  }
}
