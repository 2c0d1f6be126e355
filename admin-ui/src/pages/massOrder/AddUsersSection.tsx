import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { Confirm, type Identifier, useTranslate } from 'react-admin';
import { CandidatePane } from './CandidatePane';
import { CandidateSearchForm } from './CandidateSearchForm';
import { ChosenPane } from './ChosenPane';
import { ImportDialog } from './ImportDialog';
import type { MassOrderAction } from './massOrderState';
import { MoveButtons } from './MoveButtons';
import type { CandidateFilter, PersonRow } from './types';
import { useAddUsers } from './useAddUsers';

interface Props {
  assignmentId: Identifier;
  chosen: PersonRow[];
  chosenIds: ReadonlySet<string>;
  /** The draft's last search. */
  search: CandidateFilter | null;
  dispatch: (action: MassOrderAction) => void;
}

/** "Lägg till användare": search, the two lists with arrows between them, and "Importera lista". */
export const AddUsersSection = ({ assignmentId, chosen, chosenIds, search: lastSearch, dispatch }: Props) => {
  const translate = useTranslate();
  const add = useAddUsers(assignmentId, chosen, chosenIds, lastSearch, dispatch);
  const { search, moveCount } = add;
  // After a move focus goes to the line beside the arrows (the arrow pressed may now be disabled);
  // it is a live region too, so the count is read out either way.
  const messageRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (moveCount > 0) messageRef.current?.focus();
  }, [moveCount]);
  return (
    <Box component="section" aria-labelledby="mass-add-heading">
      <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id="mass-add-heading" variant="h5" component="h2" sx={{ flex: 1 }}>
          {translate('beh.massOrder.add.heading')}
        </Typography>
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={add.importDialog.show}>
          {translate('beh.massOrder.import.open')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('beh.massOrder.add.help')}
      </Typography>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500, mb: 1 }}>
        {translate('beh.massOrder.search.heading')}
      </Typography>
      <CandidateSearchForm initial={lastSearch} onSearch={add.searchFor} />
      <Box
        sx={{
          display: 'grid',
          // The right-hand table has the seed's six columns: it gets the larger share.
          // The middle column holds the arrows and, right below them, what the last move did.
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(240px, 1fr) 150px minmax(480px, 2fr)' },
          gap: 2,
          mt: 2,
          alignItems: 'start',
        }}
      >
        <CandidatePane
          result={search.result}
          chosenIds={chosenIds}
          selected={add.left}
          onSelect={add.selectLeft}
          page={search.page}
          perPage={search.perPage}
          onPage={search.setPage}
          onPerPage={search.setPerPage}
        />
        <Stack sx={{ alignSelf: 'center', alignItems: 'center', gap: 1.5 }} data-testid="mass-move-column">
          <MoveButtons {...add.moves} />
          <Typography
            ref={messageRef}
            tabIndex={-1}
            role="status"
            aria-live="polite"
            data-testid="mass-move-message"
            variant="body2"
            sx={{
              minHeight: '1.5em',
              textAlign: { xs: 'left', lg: 'center' },
              fontWeight: 500,
              color: add.message?.error ? 'error.main' : 'text.primary',
              overflowWrap: 'anywhere',
            }}
          >
            {add.message?.text}
          </Typography>
        </Stack>
        <ChosenPane
          chosen={chosen}
          selected={add.right}
          onSelect={add.selectRight}
          onRemove={add.removeOne}
        />
      </Box>
      <Confirm
        isOpen={add.allBack.open}
        title="beh.massOrder.dual.confirmAllBack.title"
        content="beh.massOrder.dual.confirmAllBack.content"
        translateOptions={{ smart_count: chosen.length }}
        confirm="beh.massOrder.dual.confirmAllBack.confirm"
        onConfirm={add.allBack.confirm}
        onClose={add.allBack.cancel}
      />
      <ImportDialog
        open={add.importDialog.open}
        assignmentId={assignmentId}
        chosenIds={chosenIds}
        onImported={add.importDialog.imported}
        onClose={add.importDialog.close}
      />
    </Box>
  );
};
