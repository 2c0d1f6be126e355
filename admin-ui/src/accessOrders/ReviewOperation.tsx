import { Card, CardContent, Divider, Typography } from '@mui/material';
import { useCallback } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { AccessLineRow } from './AccessLineRow';
import { OperationAttestantSelect } from './OperationAttestantSelect';
import type { OperationGroup } from './lines';

interface Props {
  group: OperationGroup;
  /** The server's messages per line key. */
  messages: Map<string, string[]>;
  attestantId: Identifier | undefined;
  showMissing: boolean;
  onRemove: (key: string) => void;
  onAttestant: (operationId: string, attestantId: Identifier) => void;
  onOnlyAttestant: (operationId: string, attestantId: Identifier) => void;
  /** The heading level inside the page (h4 in the wizard). */
  headingComponent?: 'h4' | 'h5';
}

/**
 * One verksamhet of the summary (one order): its lines with "Ta bort", and "Beställningsinformation"
 * with "Område: … | Verksamhet: … | Attestant" as in the seed.
 */
export const ReviewOperation = ({
  group,
  messages,
  attestantId,
  showMissing,
  onRemove,
  onAttestant,
  onOnlyAttestant,
  headingComponent = 'h4',
}: Props) => {
  const translate = useTranslate();
  const { operationId } = group;
  const onlyOne = useCallback(
    (id: Identifier) => onOnlyAttestant(operationId, id),
    [onOnlyAttestant, operationId],
  );
  const headingId = `review-operation-${operationId}`;
  return (
    <Card
      component="section"
      variant="outlined"
      aria-labelledby={headingId}
      sx={{ mb: 2, maxWidth: 900 }}
      data-operation={group.operationName}
    >
      <CardContent>
        <Typography id={headingId} variant="h6" component={headingComponent}>
          {group.operationName}
        </Typography>
        {group.lines.map((line) => (
          <div key={line.key}>
            <Divider sx={{ my: 1 }} />
            <AccessLineRow
              line={line}
              messages={messages.get(line.key)}
              onRemove={() => onRemove(line.key)}
            />
          </div>
        ))}
        <Divider sx={{ my: 1.5 }} />
        <Typography variant="subtitle2" component="p" gutterBottom>
          {translate('beh.wizard.orderInfo')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('beh.accessOrders.place', { area: group.areaName, operation: group.operationName })}
        </Typography>
        <OperationAttestantSelect
          operationId={operationId}
          value={attestantId}
          showMissing={showMissing}
          onChange={(id) => onAttestant(operationId, id)}
          onOnlyOne={onlyOne}
        />
      </CardContent>
    </Card>
  );
};
