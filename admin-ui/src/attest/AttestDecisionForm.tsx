import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { COMMENT_MAX } from './RejectDialog';

/**
 * "Kommentar vid avslag", the seeds' text about signing in a new window, and Godkänn / Avslå.
 * The comment's error (ours or the server's) is shown beside the field.
 */
export const AttestDecisionForm = ({
  comment,
  commentError,
  disabled,
  approveDisabled,
  onCommentChange,
  onApprove,
  onReject,
}: {
  comment: string;
  commentError: string | undefined;
  disabled: boolean;
  /** Every line removed: only Avslå is left. */
  approveDisabled: boolean;
  onCommentChange: (comment: string) => void;
  onApprove: () => void;
  onReject: () => void;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <TextField
        id="reject-comment"
        label={translate('beh.attest.order.rejectComment')}
        value={comment}
        onChange={(event) => onCommentChange(event.target.value)}
        error={Boolean(commentError)}
        helperText={
          commentError
            ? translate(commentError, { _: commentError })
            : translate('beh.attest.order.commentHint')
        }
        // Outlined: on white the error red keeps AA contrast, on the filled field's grey it does not.
        variant="outlined"
        multiline
        minRows={3}
        fullWidth
        disabled={disabled}
        slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
        sx={{ maxWidth: 720 }}
      />
      <Box sx={{ my: 2 }}>
        <Typography>{translate('beh.attest.order.signInfo')}</Typography>
        <Typography>{translate('beh.attest.order.sithsInfo')}</Typography>
        <Typography>{translate('beh.attest.order.pinInfo')}</Typography>
      </Box>
      <Stack direction="row" spacing={2}>
        <Button
          variant="contained"
          color="success"
          startIcon={<CheckIcon />}
          disabled={disabled || approveDisabled}
          onClick={onApprove}
        >
          {translate('beh.attest.order.approve')}
        </Button>
        <Button
          variant="contained"
          color="error"
          startIcon={<CloseIcon />}
          disabled={disabled}
          onClick={onReject}
        >
          {translate('beh.attest.order.reject')}
        </Button>
      </Stack>
    </Box>
  );
};
