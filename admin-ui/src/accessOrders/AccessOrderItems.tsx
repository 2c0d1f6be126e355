import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment, useCallback, useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatMinute } from '../common/dates';
import { errorMessage } from '../common/problem';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import type { OrderDetail, OrderItem } from '../orders/types';
import { useLoaded } from '../orders/useLoaded';
import { useAccessOrderApi } from './api';
import { FeedbackButton } from './FeedbackButton';
import type { AccessPart, TemplateSystem } from './types';

/** A template line of an order (issue 14): the VMU fields are null, these are set. */
type TemplateItem = OrderItem & {
  templateName?: string | null;
  professionName?: string | null;
  previousTemplateName?: string | null;
  previousProfessionName?: string | null;
  systems?: TemplateSystem[];
};

const PART_TONES: Record<AccessPart['status'], StatusTone> = {
  PENDING: 'warning',
  DONE: 'success',
  REFUSED: 'error',
};

/** The parts of one line: per system, how it is carried out, its state, and Återkopplingsinfo. */
const LineParts = ({ parts, onRead }: { parts: AccessPart[]; onRead: () => void }) => {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('beh.accessOrders.parts.label')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('beh.accessOrders.parts.system')}</TableCell>
          <TableCell>{translate('beh.accessOrders.parts.method')}</TableCell>
          <TableCell>{translate('beh.accessOrders.parts.status')}</TableCell>
          <TableCell>{translate('beh.accessOrders.parts.doneAt')}</TableCell>
          <TableCell>{translate('beh.accessOrders.parts.feedback')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {parts.map((part) => (
          <TableRow key={part.id} data-part={part.systemName}>
            <TableCell>{part.systemName}</TableCell>
            <TableCell>{translate(`beh.accessOrders.parts.methods.${part.method}`)}</TableCell>
            <TableCell>
              <StatusChip
                tone={PART_TONES[part.status]}
                label={translate(`beh.accessOrders.parts.statuses.${part.status}`)}
              />
              {part.urgent && part.status === 'PENDING' && (
                <Typography variant="caption" component="span" sx={{ ml: 1 }}>
                  {translate('beh.wizard.urgent')}
                </Typography>
              )}
              {part.reason && (
                <Typography variant="body2" color="error">
                  {translate('beh.accessOrders.parts.reason')}: {part.reason}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {part.doneAt ? formatMinute(part.doneAt) : ''}
            </TableCell>
            <TableCell>
              {part.hasFeedback && part.feedbackReadsLeft !== null ? (
                <FeedbackButton part={part} onRead={onRead} />
              ) : part.hasFeedback ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('beh.accessOrders.feedback.ordererOnly')}
                </Typography>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * "Beställda behörigheter" of an access order: "Behörighetsmall Ksd-personal | Yrkeskategori
 * Supportspecialist Behörighetsteamet | Väntande" as in the seed, with each system's part once the
 * order is handed over (GET /api/fulfilment/orders/:orderId/parts).
 */
export const AccessOrderItems = () => {
  const order = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const [reads, setReads] = useState(0);
  const orderId = order?.id;
  const parts = useLoaded(
    useCallback(
      () => (orderId ? api.getOrderParts(orderId) : Promise.resolve([])),
      // `reads` asks again after a reading (readings left).
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [api, orderId, reads],
    ),
  );
  const onRead = useCallback(() => setReads((n) => n + 1), []);
  if (!order?.items) return null;
  const items = order.items as TemplateItem[];
  const partList = parts.state === 'ready' ? parts.value : [];
  return (
    <>
      {parts.state === 'failed' && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {translate(errorMessage(parts.error))}
        </Alert>
      )}
      <Table size="small" aria-label={translate('beh.orders.items')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('beh.orders.item.assignment')}</TableCell>
            <TableCell>{translate('beh.accessOrders.profession')}</TableCell>
            <TableCell>{translate('beh.orders.item.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => {
            const itemParts = partList.filter((part) => part.itemId === item.id);
            // The parts take a row of their own under the line, the table's whole width.
            const divided = itemParts.length > 0 ? { borderBottom: 0 } : {};
            return (
              <Fragment key={item.id}>
                <TableRow data-access-item={item.templateName ?? ''}>
                  <TableCell sx={{ verticalAlign: 'top', ...divided }}>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {translate('beh.accessOrders.templateName', { name: item.templateName ?? '' })}
                    </Typography>
                    {item.previousTemplateName && (
                      <Typography variant="body2">
                        {translate('beh.accessOrders.replaces', {
                          template: item.previousTemplateName,
                          profession: item.previousProfessionName ?? '',
                        })}
                      </Typography>
                    )}
                    <Typography variant="body2" color="text.secondary">
                      {(item.systems ?? [])
                        .map((system) => `${system.systemName}: ${system.roles.join(', ')}`)
                        .join(' · ')}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', ...divided }}>
                    {translate('beh.accessOrders.professionName', { name: item.professionName ?? '' })}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', ...divided }}>
                    {translate(`beh.orders.itemStatus.${item.status}`)}
                  </TableCell>
                </TableRow>
                {itemParts.length > 0 && (
                  <TableRow>
                    <TableCell colSpan={3} sx={{ pt: 0 }}>
                      <Box sx={{ pl: 2 }}>
                        <LineParts parts={itemParts} onRead={onRead} />
                      </Box>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
};
