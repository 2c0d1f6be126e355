import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';

export const COMMENT_MAX = 2000;

/** "Avslå markerade": the comment every reject needs, asked before the signing window opens. */
export const RejectDialog = ({
  count,
  open,
  onClose,
  onReject,
}: {
  count: number;
  open: boolean;
  onClose: () => void;
  onReject: (comment: string) => void;
}) => {
  const translate = useTranslate();
  const [comment, setComment] = useState('');
  const [error, setError] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) {
      setError(true);
      return;
    }
    onReject(comment.trim());
    setComment('');
    setError(false);
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="reject-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="reject-dialog-title">
          {translate('beh.attest.queue.rejectTitle', { smart_count: count })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('beh.attest.queue.rejectHelp')}</DialogContentText>
          <TextField
            label={translate('beh.attest.order.rejectComment')}
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
              if (event.target.value.trim()) setError(false);
            }}
            error={error}
            helperText={error ? translate('beh.attest.order.commentRequired') : ' '}
            required
            // Outlined: on white the error red keeps AA contrast, on the filled field's grey it does not.
            variant="outlined"
            multiline
            minRows={3}
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" color="error">
            {translate('beh.attest.queue.rejectAndSign')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
