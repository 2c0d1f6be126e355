/** English texts of the queue "Att utföra" (see i18n.sv.ts). Merged into i18n/en.ts. */
export const enFulfilment = {
  resources: {
    fulfilment: {
      name: 'To carry out |||| To carry out',
      fields: {
        q: 'Search',
        urgent: 'Urgent',
        systemId: 'System',
        systemName: 'System',
        orderNumber: 'Order number',
        type: 'Type',
        endUserName: 'User',
        endUserUserId: 'VGR-ID',
        endUserHsaId: 'HSA-id',
        templateName: 'Access template',
        professionName: 'Profession',
        startDate: 'Start date',
        endDate: 'End date',
        status: 'Status',
        ordererName: 'Orderer',
        createdAt: 'Received',
      },
    },
  },
  beh: {
    fulfilment: {
      title: 'To carry out',
      itemTitle: 'Work item',
      searchHint: 'Search by name, VGR-ID, order number or template',
      countsHeading: 'Waiting per system',
      count: '%{system}: %{pending} waiting',
      countUrgent: '%{system}: %{pending} waiting, %{urgent} urgent',
      status: { PENDING: 'Waiting', DONE: 'Done', REFUSED: 'Refused' },
      urgent: 'Urgent',
      notUrgent: 'No',
      replaces: '(replaces %{template})',
      grantRoles: 'Roles to add',
      revokeRoles: 'Roles to remove',
      done: 'Done',
      refuse: 'Refuse',
      scim: 'SCIM',
      scimFailed:
        'Delivery over SCIM failed %{attempts} times and the item is to be carried out by hand. Last error: %{error}',
      refusedReason: 'Refused: %{reason}',
      doneBy: 'Done by %{name}.',
      doneWithFeedback: 'Done by %{name}. Feedback was left for the orderer.',
      feedbackLabel: 'Feedback (Återkopplingsinfo)',
      feedbackHelp:
        'E.g. user name and first password. Shown only to the orderer, at most twice, and stored encrypted.',
      reasonLabel: 'Reason',
      reasonHelp: 'The orderer gets the reason by e-mail.',
      settled: { done: 'The item is marked as done', refuse: 'The item is refused' },
      settledCompleted: 'The item is done and the order is now completed',
      dialog: {
        done: {
          title: 'Mark as done',
          text: 'Confirm that the access has been changed in the system. Write any feedback for the orderer.',
          confirm: 'Done',
        },
        refuse: {
          title: 'Refuse the item',
          text: 'The order line will be refused. Say why.',
          confirm: 'Refuse',
        },
      },
    },
  },
};
