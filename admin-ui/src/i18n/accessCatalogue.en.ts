import type { DomainMessages } from './sv';
import type { svAccessCatalogue } from './accessCatalogue.sv';

/** English texts of the access catalogue (accessCatalogue.sv.ts is the reference). */
export const enAccessCatalogue: DomainMessages<typeof svAccessCatalogue> = {
  resources: {
    'local-systems': {
      name: 'Local or regional system |||| Local and regional systems',
      fields: {
        id: 'Id',
        q: 'Search',
        name: 'Name',
        description: 'Description',
        owner: 'Owner',
        fulfilment: 'Carried out',
        scimBaseUrl: 'SCIM address',
        scimToken: 'SCIM token',
        hasScimToken: 'Token saved',
        active: 'Active',
        roleCount: 'Roles',
      },
    },
    'system-roles': {
      name: 'System role |||| System roles',
      fields: {
        id: 'Id',
        q: 'Search',
        systemId: 'System',
        systemName: 'System',
        name: 'Role',
        description: 'Description',
        scimGroup: 'SCIM group',
      },
    },
    'access-areas': {
      name: 'Area |||| Areas',
      fields: {
        id: 'Id',
        q: 'Search',
        name: 'Name',
        description: 'Description',
        operationCount: 'Operations',
      },
    },
    'access-operations': {
      name: 'Operation |||| Operations',
      fields: {
        id: 'Id',
        q: 'Search',
        areaId: 'Area',
        areaName: 'Area',
        name: 'Name',
        description: 'Description',
        headPersonId: 'Responsible head',
        headName: 'Responsible head',
        templateCount: 'Templates',
      },
    },
    professions: {
      name: 'Profession |||| Professions',
      fields: {
        id: 'Id',
        q: 'Search',
        name: 'Name',
        templateCount: 'Templates',
      },
    },
    'access-templates': {
      name: 'Access template |||| Access templates',
      fields: {
        id: 'Id',
        q: 'Search',
        areaId: 'Area',
        areaName: 'Area',
        operationId: 'Operation',
        operationName: 'Operation',
        name: 'Name',
        description: 'Description',
        active: 'Active',
        roleIds: 'System roles',
        roles: 'Roles',
        professionIds: 'Professions',
        professionId: 'Profession',
        professions: 'Professions',
        systemId: 'System',
      },
    },
    assignments: {
      fields: {
        requiresLocalAccess: 'Requires access in local or regional systems',
      },
    },
  },
  beh: {
    menu: {
      accessCatalogue: 'Access catalogue',
    },
    create: {
      'local-systems': 'New local or regional system',
      'system-roles': 'New system role',
      'access-areas': 'New area',
      'access-operations': 'New operation',
      professions: 'New profession',
      'access-templates': 'New access template',
    },
    accessCatalogue: {
      fulfilment: {
        MANUAL: 'Manually',
        SCIM: 'SCIM',
      },
      ownerHelp: 'The organisation or team that owns the system, for example Koncernstab digitalisering.',
      scimBaseUrlHelp:
        "The address of the system's SCIM 2.0 service, for example https://scim.exempel.se/scim/v2.",
      scimTokenHelp:
        'The key BEH uses with the SCIM service. It is stored encrypted and never shown, not even here.',
      scimTokenReplaceHelp: 'Leave empty to keep the saved token. A new token replaces the old one.',
      tokenSaved: 'Token saved',
      scimGroupHelp: 'The name (displayName) of the group in the SCIM service that the role stands for.',
      scimGroupNotScim: 'The system is not carried out over SCIM: the group is not used and may be emptied.',
      headHelp: 'Search by name or VGR id.',
      rolesHelp: 'The system roles the template grants, from one or more systems.',
      professionsHelp: 'The professions the template is offered to.',
      activeTemplateHelp: 'Only active templates can be ordered.',
      validation: {
        httpUrl: 'Enter an http or https address, e.g. https://scim.exempel.se/scim/v2.',
        rolesRequired: 'Choose at least one system role.',
        professionsRequired: 'Choose at least one profession.',
      },
    },
    requiresLocalAccess: 'Requires local systems',
    auditEvents: {
      entityType: {
        local_system: 'Local or regional system',
        system_role: 'System role',
        access_area: 'Area',
        access_operation: 'Operation',
        profession: 'Profession',
        access_template: 'Access template',
      },
      action: {
        LOCAL_SYSTEM_CREATED: 'System created',
        LOCAL_SYSTEM_UPDATED: 'System changed',
        LOCAL_SYSTEM_DELETED: 'System deleted',
        SYSTEM_ROLE_CREATED: 'System role created',
        SYSTEM_ROLE_UPDATED: 'System role changed',
        SYSTEM_ROLE_DELETED: 'System role deleted',
        ACCESS_AREA_CREATED: 'Area created',
        ACCESS_AREA_UPDATED: 'Area changed',
        ACCESS_AREA_DELETED: 'Area deleted',
        ACCESS_OPERATION_CREATED: 'Operation created',
        ACCESS_OPERATION_UPDATED: 'Operation changed',
        ACCESS_OPERATION_DELETED: 'Operation deleted',
        PROFESSION_CREATED: 'Profession created',
        PROFESSION_UPDATED: 'Profession changed',
        PROFESSION_DELETED: 'Profession deleted',
        ACCESS_TEMPLATE_CREATED: 'Access template created',
        ACCESS_TEMPLATE_UPDATED: 'Access template changed',
        ACCESS_TEMPLATE_DELETED: 'Access template deleted',
      },
    },
  },
};
