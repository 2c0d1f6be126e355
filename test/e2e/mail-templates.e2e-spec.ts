import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
import {
  MAIL_TEMPLATES,
  type MailTemplate,
  type MailTemplateData,
  renderTemplate,
} from '../../server/src/mail/templates/index.js';

const ORDER = {
  orderId: '6b1f0c1e-4b8f-4c59-9d87-0f8a2d1f7a10',
  orderNumber: 'BEH5648820',
  recipientName: 'Sara Berg',
  type: 'GRANT' as const,
  endUserName: 'Nils Boström',
  ordererName: 'Erik Holm',
  careUnitName: 'Vårdcentralen Solgläntan',
  assignmentNames: ['VoB SJF'],
  startDate: '2025-12-01',
};
const DELEGATION = {
  delegationId: 'a6c0d4a8-2f57-4e7e-8f0e-3c1a7d5b9e22',
  recipientName: 'Erik Holm',
  careUnitName: 'Vårdcentralen Solgläntan',
  rights: ['ORDER' as const, 'ATTEST' as const],
  validFrom: '2025-11-01',
  validTo: '2026-10-31',
  byName: 'Karin Lund',
};

const STAND_IN = {
  standInRowId: '5e2d8c1a-4b3f-4a6e-9d7c-8b1a2c3d4e5f',
  recipientName: 'Erik Holm',
  attestantName: 'Sara Berg (sarbe3)',
  validFrom: '2025-12-01',
  validTo: '2025-12-14',
};

const PART = {
  orderId: ORDER.orderId,
  orderNumber: ORDER.orderNumber,
  partId: '3f2a9c1e-6d4b-4e8a-9b7c-1d2e3f4a5b6c',
  recipientName: 'Sara Berg',
  systemName: 'Melior',
  endUserName: 'Nils Boström (nilbo1)',
  templateLine: 'Behörighetsmall Ksd-personal (Yrkeskategori Supportspecialist Behörighetsteamet)',
  grantRoles: ['Läsbehörighet journal'],
  revokeRoles: [],
  startDate: '2025-12-01',
  urgent: false,
};

const SAMPLES: { [T in MailTemplate]: MailTemplateData[T] } = {
  ORDER_AWAITING_ATTEST: ORDER,
  ATTESTANT_CHANGED: { ...ORDER, previousAttestantName: 'Karin Lund' },
  ATTEST_REMINDER: { ...ORDER, orderedOn: '2025-11-20' },
  ATTEST_ESCALATION: { ...ORDER, orderedOn: '2025-11-20', attestantName: 'Karin Lund' },
  ORDER_APPROVED: { ...ORDER, attestantName: 'Sara Berg' },
  ORDER_REJECTED: {
    ...ORDER,
    attestantName: 'Sara Berg',
    comment: 'Fel vårdenhet.\nBeställ på Avdelning 12.',
  },
  ORDER_COMPLETED: ORDER,
  ORDER_CANCELLED: ORDER,
  TIME_LIMITED_GRANT_ENDED: { ...ORDER, endDate: '2025-12-31' },
  DELEGATION_GRANTED: DELEGATION,
  DELEGATION_REVOKED: DELEGATION,
  DELEGATION_EXPIRING: { ...DELEGATION, delegateName: 'Erik Holm', toDelegate: true },
  BATCH_AWAITING_ATTEST: {
    batchId: '0d9c5a3e-7f61-4b2a-9c1d-5e8f2a7b3c44',
    recipientName: 'Sara Berg',
    ordererName: 'Erik Holm (eriho2)',
    assignmentName: 'VoB SJF',
    careUnitName: 'Vårdcentralen Solgläntan',
    grantCount: 3,
    revokeCount: 1,
    firstOrderNumber: 'BEH5648820',
    lastOrderNumber: 'BEH5648823',
    startDate: '2025-12-01',
  },
  AUDIT_ANCHOR: {
    anchorId: '12',
    anchorJson: '{"type":"beh-audit-anchor","version":1,"id":"12"}',
    eventId: '3456',
    eventCount: 3456,
    at: '2025-12-01 22:00:00',
  },
  ACCESS_PART_WAITING: PART,
  ACCESS_PART_REMINDER: { ...PART, waitingSince: '2025-12-01 08:00' },
  ACCESS_PART_REFUSED: { ...PART, reason: 'Användaren finns redan med annat konto.' },
  LEAVERS_SUMMARY: {
    headId: '5b1f0c2e-8d4a-4e6b-9f3c-2a7d1e0b9c88',
    recipientName: 'Erik Holm',
    direct: false,
    revokes: [
      {
        orderNumber: 'BEH5648821',
        endUserName: 'Linda Maria Svensson (linma5)',
        careUnitName: 'Vårdcentralen Solgläntan',
        lastDay: '2025-11-30',
        startDate: '2025-12-01',
        assignmentNames: ['VoB SJF', 'Statistik VE'],
      },
    ],
    delegations: [
      { delegateName: 'Sara Berg (sarbe3)', careUnitName: 'Vårdcentralen Solgläntan', validTo: '2025-11-30' },
    ],
  },
  REVIEW_STARTED: {
    campaignId: '7c1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
    recipientName: 'Erik Holm',
    campaignName: 'Årlig granskning 2027',
    itemCount: 32,
    unitCount: 2,
    dueDate: '2027-02-28',
    revokeDate: '2027-03-01',
    undecidedRule: 'KEEP',
  },
  REVIEW_REMINDER: {
    campaignId: '7c1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
    recipientName: 'Erik Holm',
    campaignName: 'Årlig granskning 2027',
    open: 12,
    total: 32,
    dueDate: '2027-02-28',
    undecidedRule: 'REVOKE',
  },
  REVIEW_ESCALATION: {
    campaignId: '7c1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
    recipientName: 'Erik Holm',
    campaignName: 'Årlig granskning 2027',
    dueDate: '2027-02-28',
    undecidedRule: 'KEEP',
    headOf: ['Närhälsan'],
    asCreator: true,
    units: [{ careUnitName: 'Vårdcentralen Solgläntan', reviewerName: 'Karin Lund', open: 12 }],
  },
  STAND_IN_NAMED: STAND_IN,
  STAND_IN_ENDED: { ...STAND_IN, byName: 'Karin Lund (karlu1)' },
};

const URL = 'https://beh.example.se';

describe('mail templates', () => {
  it.each(MAIL_TEMPLATES)('%s renders Swedish text and HTML with its link', (template) => {
    const mail = renderTemplate(template, SAMPLES[template], URL);
    expect(mail.subject).toMatch(/[a-zåäö]/);
    expect(mail.subject).not.toMatch(/\n/);
    // The anchor goes to a function address, not a person.
    expect(mail.text).toMatch(template === 'AUDIT_ANCHOR' ? /^Hej!/ : /^Hej (Sara Berg|Erik Holm)!/);
    expect(mail.text).toContain('Svara inte på det.');
    expect(mail.html).toContain('<html lang="sv">');
    const link = mail.text.match(/https:\/\/beh\.example\.se\/#\/\S+/)?.[0];
    expect(link).toBeDefined();
    expect(mail.html).toContain(`href="${link}"`);
    if ('orderNumber' in SAMPLES[template]) {
      expect(mail.subject).toContain('BEH5648820');
      expect(mail.text).toContain('Ordernummer: BEH5648820');
    }
  });

  it('says what the mails are about in the words of the portal', () => {
    expect(renderTemplate('ORDER_AWAITING_ATTEST', { ...ORDER, urgent: true }, URL).subject).toBe(
      'Akut: Beställning BEH5648820 väntar på din attest',
    );
    expect(renderTemplate('ATTESTANT_CHANGED', SAMPLES.ATTESTANT_CHANGED, URL).text).toContain(
      'från Karin Lund till dig',
    );
    const rejected = renderTemplate('ORDER_REJECTED', SAMPLES.ORDER_REJECTED, URL);
    expect(rejected.subject).toBe('Beställning BEH5648820 har avslagits');
    expect(rejected.text).toContain('Attestantens kommentar:\n> Fel vårdenhet.\n> Beställ på Avdelning 12.');
    expect(rejected.text).toContain(`${URL}/#/orders/${ORDER.orderId}/show`);
    const completed = renderTemplate('ORDER_COMPLETED', { ...ORDER, type: 'REVOKE' }, URL);
    expect(completed.text).toContain('behörigheten är avslutad');
    expect(completed.text).toContain('Behörigheten upphör: 2025-12-01');
    const access = renderTemplate(
      'ORDER_COMPLETED',
      { ...ORDER, assignmentNames: undefined, templateLines: [PART.templateLine], loginDetailsWaiting: true },
      URL,
    );
    expect(access.text).toContain('Inloggningsuppgifter väntar på dig under Återkopplingsinfo');
    const refused = renderTemplate('ACCESS_PART_REFUSED', SAMPLES.ACCESS_PART_REFUSED, URL);
    expect(refused.text).toContain('Orsak:\n> Användaren finns redan med annat konto.');
    expect(renderTemplate('ACCESS_PART_WAITING', PART, URL).text).toContain(
      `${URL}/#/fulfilment/${PART.partId}/show`,
    );
    const granted = renderTemplate('DELEGATION_GRANTED', DELEGATION, URL);
    expect(granted.subject).toBe('Du har fått en delegering för Vårdcentralen Solgläntan');
    expect(granted.text).toContain('rätt att beställa och attestera vårdmedarbetaruppdrag');
    expect(granted.text).toContain('Giltig: 2025-11-01 – 2026-10-31');
    expect(renderTemplate('DELEGATION_REVOKED', DELEGATION, URL).subject).toBe(
      'Din delegering för Vårdcentralen Solgläntan har återkallats',
    );
    const named = renderTemplate('STAND_IN_NAMED', STAND_IN, URL);
    expect(named.subject).toBe('Du är ersättare för Sara Berg (sarbe3)');
    expect(named.text).toContain('Giltig: 2025-12-01 – 2025-12-14');
    expect(named.text).toContain(`${URL}/#/stand-ins`);
    expect(renderTemplate('STAND_IN_ENDED', SAMPLES.STAND_IN_ENDED, URL).text).toContain(
      'Karin Lund (karlu1) har avslutat ditt uppdrag som ersättare för Sara Berg (sarbe3)',
    );
  });

  it('keeps data from breaking out of the subject line or the HTML', () => {
    const mail = renderTemplate(
      'ORDER_AWAITING_ATTEST',
      { ...ORDER, orderNumber: 'BEH1\r\nBcc: x@evil.example', endUserName: '<img src=x onerror=alert(1)>' },
      URL,
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('mail configuration', () => {
  it('defaults to the catcher outside production and polls every 5 s', () => {
    const { mail } = loadConfig({ NODE_ENV: 'development' });
    expect(mail).toMatchObject({ smtpUrl: undefined, pollSeconds: 5, catcherSmtpPort: 1025 });
    expect(mail.retryBaseSeconds).toBeLessThanOrEqual(mail.retryMaxSeconds);
  });

  it('refuses to start in production without SMTP_URL, naming it', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/beh' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SMTP_URL');
  });

  it('names the variable of a bad mail setting', () => {
    const bad = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'development', ...env });
    expect(bad({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(bad({ MAIL_POLL_SECONDS: 'often' })).toThrow(/MAIL_POLL_SECONDS/);
    expect(bad({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(bad({ MAIL_RETRY_BASE_SECONDS: '600', MAIL_RETRY_MAX_SECONDS: '60' })).toThrow(
      /MAIL_RETRY_MAX_SECONDS/,
    );
    expect(bad({ MAIL_CATCHER_SMTP_PORT: '70000' })).toThrow(/MAIL_CATCHER_SMTP_PORT/);
  });
});
