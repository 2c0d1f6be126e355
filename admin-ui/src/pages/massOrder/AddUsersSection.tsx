import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Stack, Typography } from '@mui/material';
import { Confirm, type Identifier, useTranslate } from 'react-admin';
import { CandidatePane } from './CandidatePane';
import { CandidateSearchForm } from './CandidateSearchForm';
import { ChosenPane } from './ChosenPane';
import { ImportDialog } from './ImportDialog';
import type { MassOrderAction } from './massOrderState';
import { MoveButtons } from './MoveButtons';
import type { PersonRow } from './types';
import { useAddUsers } from './useAddUsers';

interface Props {
  assignmentId: Identifier;
  chosen: PersonRow[];
  chosenIds: ReadonlySet<string>;
  dispatch: (action: MassOrderAction) => void;
}

/** "Lägg till användare": search, the two lists with arrows between them, and "Importera lista". */
export const AddUsersSection = ({ assignmentId, chosen, chosenIds, dispatch }: Props) => {
  const translate = useTranslate();
  const add = useAddUsers(assignmentId, chosen, chosenIds, dispatch);
  const { search } = add;
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
      <CandidateSearchForm onSearch={add.searchFor} />
      <Box
        sx={{
          display: 'grid',
          // The right-hand table has the seed's six columns: it gets the larger share.
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(260px, 1fr) auto minmax(560px, 2fr)' },
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
        <MoveButtons {...add.moves} />
        <ChosenPane
          chosen={chosen}
          selected={add.right}
          onSelect={add.selectRight}
          onRemove={add.removeOne}
        />
      </Box>
      <Typography
        role="status"
        aria-live="polite"
        sx={{ mt: 1, minHeight: '1.5em', color: add.message?.error ? 'error.main' : 'text.primary' }}
      >
        {add.message?.text}
      </Typography>
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
