import englishMessages from 'ra-language-english';
import { enWaiting } from './waiting.en';
import { enAccessCatalogue } from './accessCatalogue.en';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { enAccess } from './access.en';
import { enApiClients } from './apiClients.en';
import { enAttest } from './attest.en';
import { enAudit } from './audit.en';
import { enWords } from './words.en';
import { enMassOrder } from './massOrder.en';
import { enOrders } from './orders.en';
import { enPersonAccess } from './personAccess.en';
import { enReports } from './reports.en';
import { enReviews } from './reviews.en';
import { enOrderWarnings } from './orderWarnings.en';
import { enWizard } from './wizard.en';
import { enErrors } from './errors.en';
import { enEnglish } from './english.en';
import { enAccessOrders } from '../accessOrders/i18n.en';
import { enFulfilment } from '../fulfilment/i18n.en';
import { enLdapWrites } from '../ldapWrites/i18n.en';
import { enDirectoryDrift } from '../directoryDrift/i18n.en';
import { enDirectorySync } from '../directorySync/i18n.en';
import { enDirectoryActive } from '../directoryActive/i18n.en';
import { enSystemAdministrators } from '../systemAdministrators/i18n.en';
import { enAuditors } from '../auditors/i18n.en';
import { enStandIns } from '../standIns/i18n.en';
import { enDelegationOperations } from '../delegations/i18n.en';
import type { DomainMessages, svDomain } from './sv';

const enDomain: DomainMessages<typeof svDomain> = {
  resources: {
    persons: {
      name: 'Person |||| Persons',
      fields: {
        id: 'Id',
        q: 'Search',
        hsaId: 'HSA id',
        userId: 'VGR id',
        firstName: 'First name',
        lastName: 'Last name',
        title: 'Title',
        email: 'Email',
        personnummer: 'Personal identity number',
        passportNumber: 'Passport number',
        protectedIdentity: 'Protected identity',
        active: 'Active',
        organisation: 'Organisation',
        isAdministrator: 'Administrator',
        careUnitId: 'Care unit',
        administrationId: 'Administration',
        engagements: 'Engagements',
        heldAssignments: 'Held assignments',
      },
    },
    'care-units': {
      name: 'Care unit |||| Care units',
      fields: {
        id: 'Id',
        q: 'Search',
        hsaId: 'HSA id',
        name: 'Name',
        administrationId: 'Administration',
        administrationName: 'Administration',
        careProviderId: 'Care provider',
        careProviderName: 'Care provider',
        careProviderKind: 'Care provider kind',
        headOfUnitId: 'Head of unit',
        headOfUnitName: 'Head of unit',
        activeStaff: 'Active staff',
      },
    },
    assignments: {
      name: 'Assignment |||| Assignments',
      fields: {
        id: 'Id',
        q: 'Search',
        hsaId: 'HSA id',
        careUnitId: 'Care unit',
        careUnitName: 'Care unit',
        name: 'Assignment',
        purpose: 'Purpose',
        kind: 'Kind',
        description: 'Description',
        privateProviderOnly: 'Private care provider only',
        memberCount: 'Holders',
      },
    },
    systems: {
      name: 'System |||| Systems guide',
      fields: {
        id: 'Id',
        q: 'Search',
        systemName: 'System',
        useCase: 'Use',
        purpose: 'Purpose',
        assignmentName: 'Assignment needed',
        note: 'Note',
      },
    },
    engagements: {
      name: 'Engagement |||| Engagements',
      fields: {
        id: 'Id',
        personId: 'Person',
        careUnitId: 'Care unit',
        careUnitName: 'Care unit',
        administrationName: 'Administration',
        costCentre: 'Cost centre',
        title: 'Title',
        validFrom: 'From',
        validTo: 'To',
        active: 'Active',
      },
    },
    'held-assignments': {
      name: 'Held assignment |||| Held assignments',
      fields: {
        id: 'Id',
        personId: 'Person',
        personName: 'Name',
        assignmentId: 'Assignment',
        assignmentName: 'Assignment',
        careUnitId: 'Care unit',
        careUnitName: 'Care unit',
        validFrom: 'From',
        validTo: 'To',
        active: 'Active',
      },
    },
    administrations: {
      name: 'Administration |||| Administrations',
      fields: {
        id: 'Id',
        q: 'Search',
        code: 'Code',
        name: 'Name',
        careProviderId: 'Care provider',
        careProviderName: 'Care provider',
        headPersonId: 'Head of administration',
        headPersonName: 'Head of administration',
      },
    },
    'care-providers': {
      name: 'Care provider |||| Care providers',
      fields: {
        id: 'Id',
        q: 'Search',
        hsaId: 'HSA id',
        name: 'Name',
        kind: 'Kind',
      },
    },
  },
  beh: {
    title: 'BEH – Access ordering',
    menu: {
      directory: 'Directory',
      reference: 'Organisation',
    },
    create: {
      persons: 'New person',
      'care-units': 'New care unit',
      assignments: 'New assignment',
      systems: 'New system in the guide',
      engagements: 'New engagement',
      administrations: 'New administration',
      'care-providers': 'New care provider',
    },
    purpose: {
      CARE_AND_TREATMENT: 'Care and treatment',
      QUALITY_ASSURANCE: 'Quality assurance',
      ADMINISTRATION: 'Administration',
      STATISTICS: 'Statistics',
    },
    assignmentKind: {
      GENERAL: 'General assignment',
      SPECIAL: 'Special assignment',
    },
    careProviderKind: {
      REGIONAL: 'Regional',
      PRIVATE: 'Private',
    },
    filter: {
      active: 'Active',
      inactive: 'Not active',
      searchPersons: 'Name, VGR id or administration',
      searchByName: 'Search by name',
    },
    persons: {
      identity: 'Personal details',
      addEngagement: 'Add engagement',
      noEngagements: 'No engagements',
      noHeldAssignments: 'No held assignments',
      heldAssignmentsByOrder: 'Assignments are given and ended by attested orders, not here.',
      passportHelp: 'For staff without a personal identity number',
      identityRequired: 'Enter a personal identity number or a passport number.',
      validToBeforeFrom: 'The end date must not be before the start date.',
    },
    list: {
      range: '%{from}–%{to} of %{total}',
      total: { exact: '%{total}', estimate: 'about %{total}', 'at-least': 'more than %{total}' },
    },
    empty: '–',
    untilFurtherNotice: 'Until further notice',
  },
};

export const en: TranslationMessages = mergeTranslations(
  englishMessages,
  enDomain,
  enAccess,
  enDelegationOperations,
  enOrders,
  enAttest,
  enMassOrder,
  enAudit,
  enWords,
  enApiClients,
  enPersonAccess,
  enReports,
  enReviews,
  enOrderWarnings,
  enWizard,
  enErrors,
  enEnglish,
  enWaiting,
  enAccessCatalogue,
  enAccessOrders,
  enFulfilment,
  enSystemAdministrators,
  enAuditors,
  enStandIns,
  enLdapWrites,
  enDirectoryDrift,
  enDirectorySync,
  enDirectoryActive,
);
