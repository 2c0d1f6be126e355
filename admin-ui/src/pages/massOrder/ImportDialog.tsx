import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type ChangeEvent, useRef, useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { blockedReason } from './blocked';
import { type ImportOutcome, ImportReportView } from './ImportReportView';
import type { Candidate } from './types';
import { useMassOrderApi } from './useMassOrderApi';

interface Props {
  open: boolean;
  assignmentId: Identifier;
  chosenIds: ReadonlySet<string>;
  onImported: (persons: Candidate[]) => void;
  onClose: () => void;
}

/** What the server takes (the JSON body limit is 100 kB); thousands of VGR-IDs or personnummer fit. */
const MAX_CHARS = 90_000;

/** "Importera lista": VGR-IDs or personnummer, pasted or from a CSV file, straight into the right-hand list. */
export const ImportDialog = ({ open, assignmentId, chosenIds, onImported, onClose }: Props) => {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const tooLong = text.length > MAX_CHARS;

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setOutcome(null);
  };

  const runImport = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const report = await api.importPersons(assignmentId, text);
      const notAdded = report.found.flatMap((candidate) => {
        const reason = blockedReason(candidate, chosenIds);
        return reason ? [{ candidate, reason }] : [];
      });
      const addable = report.found.filter((candidate) => blockedReason(candidate, chosenIds) === null);
      onImported(addable);
      setOutcome({ report, added: addable.length, notAdded });
      setText('');
      setFileName(null);
    } catch (error) {
      setFailure(translate(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOutcome(null);
    setFailure(null);
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="mass-import-title">
      <DialogTitle id="mass-import-title">{translate('beh.massOrder.import.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('beh.massOrder.import.help')}
        </Typography>
        <TextField
          label={translate('beh.massOrder.import.paste')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          multiline
          minRows={6}
          maxRows={14}
          fullWidth
          error={tooLong}
          helperText={
            tooLong
              ? translate('beh.massOrder.import.tooLong', { max: MAX_CHARS.toLocaleString('sv-SE') })
              : undefined
          }
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 1 }}>
          {/* A real button opens the file picker, so the keyboard reaches it. */}
          <Button
            variant="outlined"
            size="small"
            startIcon={<UploadFileIcon />}
            onClick={() => fileInput.current?.click()}
          >
            {translate('beh.massOrder.import.file')}
          </Button>
          <input
            ref={fileInput}
            hidden
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-label={translate('beh.massOrder.import.file')}
            onChange={(event) => void readFile(event)}
          />
          {fileName && <Typography variant="body2">{fileName}</Typography>}
        </Stack>
        {failure && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {failure}
          </Alert>
        )}
        {outcome && (
          <Stack sx={{ mt: 2 }}>
            <ImportReportView outcome={outcome} />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('beh.massOrder.import.close')}</Button>
        <Button
          variant="contained"
          disabled={busy || text.trim() === '' || tooLong}
          onClick={() => void runImport()}
        >
          {translate('beh.massOrder.import.run')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
