import { Box, Button, Checkbox, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { type Identifier, useTranslate } from 'react-admin';
import { LineWarnings } from '../orders/LineWarnings';
import { isTemplateLine, LineSystems, LineTitle, lineName } from './accessLines';
import type { AttestItem } from './types';
import { visuallyHidden } from './visuallyHidden';

const struck = { textDecoration: 'line-through', color: 'text.secondary' } as const;

/**
 * "Beställda behörigheter": a checkbox per line and "Ta bort markerade". A removed line stays in
 * view, struck through, with "Ångra"; it is removed for real only when the approval is signed.
 */
export const AttestItems = ({
  items,
  ticked,
  removed,
  disabled,
  decided,
  onTick,
  onRemoveTicked,
  onUndo,
}: {
  items: AttestItem[];
  ticked: ReadonlySet<Identifier>;
  removed: ReadonlySet<Identifier>;
  disabled: boolean;
  /** Signed: the lines as decided, without ticks or buttons. */
  decided: boolean;
  onTick: (itemId: Identifier) => void;
  onRemoveTicked: () => void;
  onUndo: (itemId: Identifier) => void;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <Table size="small" aria-labelledby="attest-items-heading">
        <TableHead>
          <TableRow>
            {!decided && (
              <TableCell padding="checkbox">
                <Box component="span" sx={visuallyHidden}>
                  {translate('beh.attest.order.item.tick')}
                </Box>
              </TableCell>
            )}
            <TableCell>{translate('beh.attest.order.item.assignment')}</TableCell>
            <TableCell>{translate('beh.attest.order.item.details')}</TableCell>
            {!decided && (
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {translate('beh.attest.order.item.undo')}
                </Box>
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => {
            const isRemoved = removed.has(item.id);
            return (
              <TableRow key={item.id} data-item-id={item.id}>
                {!decided && (
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={ticked.has(item.id)}
                      disabled={disabled || isRemoved}
                      onChange={() => onTick(item.id)}
                      slotProps={{
                        input: {
                          'aria-label': translate('beh.attest.order.item.select', {
                            name: lineName(item, translate),
                          }),
                        },
                      }}
                    />
                  </TableCell>
                )}
                <TableCell>
                  <Box component="span" sx={isRemoved ? struck : undefined}>
                    <LineTitle item={item} translate={translate} />
                  </Box>
                  {!isRemoved && <LineWarnings warnings={item.warnings} />}
                </TableCell>
                <TableCell sx={isRemoved ? struck : undefined}>
                  {isTemplateLine(item) ? (
                    <LineSystems item={item} translate={translate} />
                  ) : (
                    <>
                      {translate(`beh.purpose.${item.purpose}`)} ·{' '}
                      {translate(`beh.assignmentKind.${item.kind}`)}
                    </>
                  )}
                  {isRemoved
                    ? ` · ${translate(decided ? 'beh.orders.itemStatus.REMOVED' : 'beh.attest.order.item.removed')}`
                    : ''}
                </TableCell>
                {!decided && (
                  <TableCell align="right">
                    {isRemoved && (
                      <Button
                        size="small"
                        disabled={disabled}
                        onClick={() => onUndo(item.id)}
                        aria-label={translate('beh.attest.order.item.undoLabel', {
                          name: lineName(item, translate),
                        })}
                      >
                        {translate('beh.attest.order.item.undo')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {!decided && (
        <Button
          variant="outlined"
          sx={{ mt: 1 }}
          disabled={disabled || ticked.size === 0}
          onClick={onRemoveTicked}
        >
          {translate('beh.attest.order.removeTicked')}
        </Button>
      )}
    </Box>
  );
};
