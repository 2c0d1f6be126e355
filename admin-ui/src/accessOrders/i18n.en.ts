import type { DomainMessages } from '../i18n/sv';
import type { svAccessOrders } from './i18n.sv';

/** English texts of ordering access to local and regional systems (i18n.sv.ts is the reference). */
export const enAccessOrders: DomainMessages<typeof svAccessOrders> = {
  beh: {
    start: {
      access: {
        title: 'Local and regional systems',
        description:
          'Here access for one user to care and administrative systems used locally and regionally in the region is ordered, changed or ended.',
        manual: 'Manual for ordering access',
      },
    },
    orders: {
      type: {
        CHANGE: 'Change',
      },
      eventAction: {
        ACCESS_ORDER_HANDED_OVER: 'Handed over for carrying out',
        ACCESS_PART_DONE: 'Done in a system',
        ACCESS_PART_REFUSED: 'Refused in a system',
        ACCESS_PART_SCIM_FAILED: 'The SCIM delivery failed',
        ACCESS_FEEDBACK_READ: 'The login details were shown',
      },
      kind: {
        VMU: 'Care staff assignments',
        ACCESS: 'Local and regional systems',
      },
    },
    accessOrders: {
      title: 'Ordering access',
      stepHeading: {
        person: 'Find the user',
        assignments: 'Choose access',
        review: 'Review the order',
        receipt: 'The order has been sent',
      },
      typeHelp: {
        GRANT: 'New: new access by an access template',
        CHANGE: 'Change: another access template or profession for access the user has',
        REVOKE: 'End: access the user is no longer to have',
      },
      noActiveEngagement:
        'New and Change need an active engagement in the directory (KIV). Only End can be chosen.',
      templates: 'Access templates',
      help: {
        GRANT:
          'Choose area, operation, access template and profession, then Add. Add more templates the same way. Only the operations you may order for are shown.',
        CHANGE:
          'Choose the access template to change, then the new access template and profession. Roles only the old template gives are removed, roles only the new one gives are added.',
        REVOKE: 'Tick the access templates to end. On the next page you give the date they end.',
      },
      area: 'Area',
      operation: 'Operation',
      template: 'Access template',
      profession: 'Profession',
      systems: 'Systems and roles',
      addLine: 'Add',
      alreadyChosen: 'Already in the order',
      noTemplates: 'The operation has no access templates to order.',
      pickIncomplete: 'Choose area, operation, access template and profession before adding.',
      noOperations: 'You may not order access for any operation.',
      nothingHeld: 'The user has no access templates in the operations you order for.',
      heldLegend: 'Access templates the user has',
      changeFrom: 'Access template to change',
      changeFromHelp: 'Access templates the user has in the operations you order for',
      changeTo: 'New access template and profession',
      linePair: 'Access template %{template} | Profession: %{profession}',
      replaces: 'Replaces: Access template %{template} | Profession: %{profession}',
      place: 'Area: %{area} | Operation: %{operation}',
      chosenLines: 'Chosen access templates (%{smart_count})',
      noneChosen: 'No access templates chosen yet.',
      chooseOne: 'Add at least one access template to go on.',
      reviewHelp:
        'Check that everything is right. Choose Remove if you changed your mind, and choose an attestant for each operation. Each operation becomes an order of its own.',
      reviewLines: 'Access',
      nothingLeft: 'No access templates are left in the order. Go back and choose.',
      noAttestants: 'Nobody can attest for the operation',
      attestantRequired: 'Choose an attestant for each operation',
      templateName: 'Access template %{name}',
      professionName: 'Profession %{name}',
      noOtherAttestants: 'Nobody else can attest for the operation.',
      parts: {
        label: 'Carried out per system',
        system: 'System',
        method: 'Carried out',
        status: 'Status',
        doneAt: 'Done',
        feedback: 'Feedback',
        reason: 'Reason',
        methods: {
          MANUAL: "By the system's administrator",
          SCIM: 'Automatically (SCIM)',
        },
        statuses: {
          PENDING: 'Pending',
          DONE: 'Done',
          REFUSED: 'Refused',
        },
      },
      feedback: {
        show: 'Show login details',
        showFor: 'Show login details for %{system}',
        title: 'Login details – %{system}',
        readsLeft: 'Can be shown once more |||| Can be shown %{smart_count} times',
        beforeFirst:
          'The login details can only be shown twice: now and once more. Write them down or pass them to the user safely before you close this.',
        beforeLast:
          'This is the last time the login details can be shown. Write them down or pass them to the user safely before you close this.',
        onceMore: 'The login details can be shown once more.',
        lastTime: 'The login details have now been shown twice and cannot be shown again.',
        used: 'Shown twice',
        ordererOnly: 'Present, shown to the orderer only',
      },
      vmu: {
        heading: 'Access in local and regional systems',
        required:
          'The assignment %{names} needs access in local or regional systems too. Add an access template: it is sent in the same order. |||| The assignments %{names} need access in local or regional systems too. Add an access template: it is sent in the same order.',
        add: 'Add access template',
      },
      receipt: {
        perGroup: 'One order per care unit and operation:',
      },
    },
  },
};
