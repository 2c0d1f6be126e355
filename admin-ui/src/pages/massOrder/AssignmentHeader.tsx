import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { MassAssignment } from './types';

/** Which assignment the page edits: unit, kind and purpose, and how many hold it. */
export const AssignmentHeader = ({ assignment }: { assignment: MassAssignment }) => {
  const translate = useTranslate();
  return (
    <>
      {assignment.description && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
          {assignment.description}
        </Typography>
      )}
      <LabeledValues>
        <LabeledValue label="beh.massOrder.assignment.careUnit">{assignment.careUnitName}</LabeledValue>
        <LabeledValue label="beh.massOrder.assignment.administration">
          {assignment.administrationName}
        </LabeledValue>
        <LabeledValue label="beh.massOrder.assignment.kind">
          {translate(`beh.assignmentKind.${assignment.kind}`)}
        </LabeledValue>
        <LabeledValue label="beh.massOrder.assignment.purpose">
          {translate(`beh.purpose.${assignment.purpose}`)}
        </LabeledValue>
        <LabeledValue label="beh.massOrder.assignment.members">
          {translate('beh.massOrder.assignment.memberCounts', {
            smart_count: assignment.memberCount,
            pending: assignment.pendingGrantCount,
          })}
        </LabeledValue>
      </LabeledValues>
    </>
  );
};
