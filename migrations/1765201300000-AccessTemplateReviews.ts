import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access reviews of the local and regional systems' templates (issue 17, point 1):
 *
 * - review_campaign.content: what a campaign reviews, VMU assignments (`VMU`, as before), the
 *   templates people hold (`ACCESS`, access_holding) or both (`BOTH`); access_operation_ids: the
 *   verksamheter chosen when scope_kind is `UNITS` ("chosen"). An administration's scope holds
 *   care units only, so it reviews VMU assignments only.
 * - review_item: an item is either a VMU holding (care unit and assignment) or a template holding
 *   (verksamhet, template and the profession it is held for), never both; the verksamhet's head
 *   is its reviewer by default. One item per person and template in a campaign.
 *
 * The CHECKs are added NOT VALID and validated: existing rows are all VMU items of VMU campaigns.
 */
export class AccessTemplateReviews1765201300000 implements MigrationInterface {
  name = 'AccessTemplateReviews1765201300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_campaign
        ADD COLUMN content varchar(8) NOT NULL DEFAULT 'VMU' CHECK (content IN ('VMU', 'ACCESS', 'BOTH')),
        ADD COLUMN access_operation_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE review_campaign DROP CONSTRAINT review_campaign_scope_chk`);
    await q.query(`
      ALTER TABLE review_campaign ADD CONSTRAINT review_campaign_scope_chk CHECK (
        (scope_kind = 'ADMINISTRATION') = (administration_id IS NOT NULL)
        AND (scope_kind <> 'ADMINISTRATION' OR content = 'VMU')
        AND ((scope_kind = 'UNITS' AND content <> 'ACCESS') = (cardinality(care_unit_ids) > 0))
        AND ((scope_kind = 'UNITS' AND content <> 'VMU') = (cardinality(access_operation_ids) > 0))
      ) NOT VALID`);
    await q.query(`ALTER TABLE review_campaign VALIDATE CONSTRAINT review_campaign_scope_chk`);

    await q.query(`
      ALTER TABLE review_item
        ALTER COLUMN care_unit_id DROP NOT NULL,
        ALTER COLUMN assignment_id DROP NOT NULL,
        ADD COLUMN access_operation_id uuid,
        ADD COLUMN template_id uuid,
        ADD COLUMN profession_id uuid`);
    await q.query(`
      ALTER TABLE review_item ADD CONSTRAINT review_item_kind_chk CHECK (
        (care_unit_id IS NOT NULL AND assignment_id IS NOT NULL
         AND access_operation_id IS NULL AND template_id IS NULL AND profession_id IS NULL)
        OR (care_unit_id IS NULL AND assignment_id IS NULL
            AND access_operation_id IS NOT NULL AND template_id IS NOT NULL AND profession_id IS NOT NULL)
      ) NOT VALID`);
    await q.query(`ALTER TABLE review_item VALIDATE CONSTRAINT review_item_kind_chk`);
    await q.query(
      `ALTER TABLE review_item ADD CONSTRAINT review_item_template_once UNIQUE (campaign_id, person_id, template_id)`,
    );
    await q.query(`
      CREATE INDEX review_item_campaign_operation_idx ON review_item (campaign_id, access_operation_id)
        WHERE access_operation_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM review_item WHERE template_id IS NOT NULL`);
    await q.query(`DROP INDEX review_item_campaign_operation_idx`);
    await q.query(`ALTER TABLE review_item DROP CONSTRAINT review_item_template_once`);
    await q.query(`ALTER TABLE review_item DROP CONSTRAINT review_item_kind_chk`);
    await q.query(`
      ALTER TABLE review_item
        DROP COLUMN profession_id, DROP COLUMN template_id, DROP COLUMN access_operation_id,
        ALTER COLUMN assignment_id SET NOT NULL, ALTER COLUMN care_unit_id SET NOT NULL`);
    await q.query(`DELETE FROM review_campaign WHERE content <> 'VMU'`);
    await q.query(`ALTER TABLE review_campaign DROP CONSTRAINT review_campaign_scope_chk`);
    await q.query(`
      ALTER TABLE review_campaign ADD CONSTRAINT review_campaign_scope_chk CHECK (
        (scope_kind = 'ADMINISTRATION') = (administration_id IS NOT NULL)
        AND (scope_kind = 'UNITS') = (cardinality(care_unit_ids) > 0))`);
    await q.query(`ALTER TABLE review_campaign DROP COLUMN access_operation_ids, DROP COLUMN content`);
  }
}
