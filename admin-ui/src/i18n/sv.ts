import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { svWaiting } from './waiting.sv';
import { svAccessCatalogue } from './accessCatalogue.sv';
import { svAccess } from './access.sv';
import { svApiClients } from './apiClients.sv';
import { svAttest } from './attest.sv';
import { svAudit } from './audit.sv';
import { svWords } from './words.sv';
import { svMassOrder } from './massOrder.sv';
import { svOrders } from './orders.sv';
import { svPersonAccess } from './personAccess.sv';
import { svReports } from './reports.sv';
import { svReviews } from './reviews.sv';
import { svOrderWarnings } from './orderWarnings.sv';
import { svWizard } from './wizard.sv';
import { svErrors } from './errors.sv';
import { svEnglish } from './english.sv';
import { raSwedish } from './raSwedish';
import { svAccessOrders } from '../accessOrders/i18n.sv';
import { svFulfilment } from '../fulfilment/i18n.sv';
import { svLdapWrites } from '../ldapWrites/i18n.sv';
import { svDirectoryDrift } from '../directoryDrift/i18n.sv';
import { svDirectorySync } from '../directorySync/i18n.sv';
import { svDirectoryActive } from '../directoryActive/i18n.sv';
import { svSystemAdministrators } from '../systemAdministrators/i18n.sv';
import { svAuditors } from '../auditors/i18n.sv';
import { svStandIns } from '../standIns/i18n.sv';
import { svDelegationOperations } from '../delegations/i18n.sv';

/** The portal's own texts: resource names and fields, enum labels, view texts. Swedish is the reference. */
export const svDomain = {
  resources: {
    persons: {
      name: 'Person |||| Personer',
      fields: {
        id: 'Id',
        q: 'Sök',
        hsaId: 'HSA-id',
        userId: 'VGR-ID',
        firstName: 'Förnamn',
        lastName: 'Efternamn',
        title: 'Titel',
        email: 'E-post',
        personnummer: 'Personnummer',
        passportNumber: 'Passnummer',
        protectedIdentity: 'Skyddad identitet',
        active: 'Aktiv',
        organisation: 'Organisation',
        isAdministrator: 'Administratör',
        careUnitId: 'Vårdenhet',
        administrationId: 'Förvaltning',
        engagements: 'Engagemang',
        heldAssignments: 'Innehavda uppdrag',
      },
    },
    'care-units': {
      name: 'Vårdenhet |||| Vårdenheter',
      fields: {
        id: 'Id',
        q: 'Sök',
        hsaId: 'HSA-id',
        name: 'Namn',
        administrationId: 'Förvaltning',
        administrationName: 'Förvaltning',
        careProviderId: 'Vårdgivare',
        careProviderName: 'Vårdgivare',
        careProviderKind: 'Typ av vårdgivare',
        headOfUnitId: 'Verksamhetschef',
        headOfUnitName: 'Verksamhetschef',
        activeStaff: 'Aktiva medarbetare',
      },
    },
    assignments: {
      name: 'Uppdrag |||| Uppdrag',
      fields: {
        id: 'Id',
        q: 'Sök',
        hsaId: 'HSA-id',
        careUnitId: 'Vårdenhet',
        careUnitName: 'Vårdenhet',
        name: 'Uppdrag',
        purpose: 'Syfte',
        kind: 'Typ',
        description: 'Beskrivning',
        privateProviderOnly: 'Endast privat vårdgivare',
        memberCount: 'Innehavare',
      },
    },
    systems: {
      name: 'System |||| Systemguide',
      fields: {
        id: 'Id',
        q: 'Sök',
        systemName: 'System',
        useCase: 'Användning',
        purpose: 'Syfte',
        assignmentName: 'Uppdrag som behövs',
        note: 'Kommentar',
      },
    },
    engagements: {
      name: 'Engagemang |||| Engagemang',
      fields: {
        id: 'Id',
        personId: 'Person',
        careUnitId: 'Vårdenhet',
        careUnitName: 'Vårdenhet',
        administrationName: 'Förvaltning',
        costCentre: 'Ansvarsnummer',
        title: 'Titel',
        validFrom: 'Från',
        validTo: 'Till',
        active: 'Aktiv',
      },
    },
    'held-assignments': {
      name: 'Innehavt uppdrag |||| Innehavda uppdrag',
      fields: {
        id: 'Id',
        personId: 'Person',
        personName: 'Namn',
        assignmentId: 'Uppdrag',
        assignmentName: 'Uppdrag',
        careUnitId: 'Vårdenhet',
        careUnitName: 'Vårdenhet',
        validFrom: 'Från',
        validTo: 'Till',
        active: 'Aktiv',
      },
    },
    administrations: {
      name: 'Förvaltning |||| Förvaltningar',
      fields: {
        id: 'Id',
        q: 'Sök',
        code: 'Kod',
        name: 'Namn',
        careProviderId: 'Vårdgivare',
        careProviderName: 'Vårdgivare',
        headPersonId: 'Förvaltningschef',
        headPersonName: 'Förvaltningschef',
      },
    },
    'care-providers': {
      name: 'Vårdgivare |||| Vårdgivare',
      fields: {
        id: 'Id',
        q: 'Sök',
        hsaId: 'HSA-id',
        name: 'Namn',
        kind: 'Typ',
      },
    },
  },
  beh: {
    title: 'BEH – Behörighetsbeställning',
    menu: {
      directory: 'Katalog',
      reference: 'Organisation',
    },
    create: {
      persons: 'Ny person',
      'care-units': 'Ny vårdenhet',
      assignments: 'Nytt uppdrag',
      systems: 'Nytt system i systemguiden',
      engagements: 'Nytt engagemang',
      administrations: 'Ny förvaltning',
      'care-providers': 'Ny vårdgivare',
    },
    purpose: {
      CARE_AND_TREATMENT: 'Vård och behandling',
      QUALITY_ASSURANCE: 'Kvalitetssäkring',
      ADMINISTRATION: 'Administration',
      STATISTICS: 'Statistik',
    },
    assignmentKind: {
      GENERAL: 'Generellt uppdrag',
      SPECIAL: 'Särskilt uppdrag',
    },
    careProviderKind: {
      REGIONAL: 'Regional',
      PRIVATE: 'Privat',
    },
    filter: {
      active: 'Aktiv',
      inactive: 'Inte aktiv',
      searchPersons: 'Namn, VGR-ID eller förvaltning',
      searchByName: 'Sök på namn',
    },
    persons: {
      identity: 'Personuppgifter',
      addEngagement: 'Lägg till engagemang',
      noEngagements: 'Inga engagemang',
      noHeldAssignments: 'Inga innehavda uppdrag',
      heldAssignmentsByOrder: 'Uppdrag läggs upp och avslutas genom attesterade beställningar, inte här.',
      passportHelp: 'För personal utan personnummer',
      identityRequired: 'Ange personnummer eller passnummer.',
      validToBeforeFrom: 'Till-datum får inte vara före från-datum.',
    },
    list: {
      range: '%{from}–%{to} av %{total}',
      total: { exact: '%{total}', estimate: 'ca %{total}', 'at-least': 'fler än %{total}' },
    },
    empty: '–',
    untilFurtherNotice: 'Tills vidare',
  },
};

/** The same shape with any text: what another language must provide. */
export type DomainMessages<T> = { [K in keyof T]: T[K] extends string ? string : DomainMessages<T[K]> };

export const sv: TranslationMessages = mergeTranslations(
  raSwedish,
  svDomain,
  svAccess,
  svDelegationOperations,
  svOrders,
  svAttest,
  svMassOrder,
  svAudit,
  svWords,
  svApiClients,
  svPersonAccess,
  svReports,
  svReviews,
  svOrderWarnings,
  svWizard,
  svErrors,
  svEnglish,
  svWaiting,
  svAccessCatalogue,
  svAccessOrders,
  svFulfilment,
  svSystemAdministrators,
  svAuditors,
  svStandIns,
  svLdapWrites,
  svDirectoryDrift,
  svDirectorySync,
  svDirectoryActive,
);
