import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import KeyboardDoubleArrowLeftIcon from '@mui/icons-material/KeyboardDoubleArrowLeft';
import KeyboardDoubleArrowRightIcon from '@mui/icons-material/KeyboardDoubleArrowRight';
import { CircularProgress, IconButton, Stack, Tooltip } from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';

interface Props {
  canMoveSelected: boolean;
  canMoveAll: boolean;
  canMoveBack: boolean;
  canMoveAllBack: boolean;
  movingAll: boolean;
  onMoveSelected: () => void;
  onMoveAll: () => void;
  onMoveBack: () => void;
  onMoveAllBack: () => void;
}

const Arrow = ({
  label,
  disabled,
  onClick,
  icon,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  icon: ReactElement;
}) => (
  <Tooltip title={label} placement="top">
    {/* A disabled button gets no events; the span keeps the tooltip. */}
    <span>
      <IconButton
        aria-label={label}
        disabled={disabled}
        onClick={onClick}
        color="primary"
        sx={{ border: 1, borderColor: disabled ? 'divider' : 'primary.main', borderRadius: 1 }}
      >
        {icon}
      </IconButton>
    </span>
  </Tooltip>
);

/** The arrows between the lists (seeds/000): move the ticked or every hit right, or back. */
export const MoveButtons = (props: Props) => {
  const translate = useTranslate();
  return (
    <Stack
      role="group"
      aria-label={translate('beh.massOrder.dual.arrows')}
      direction={{ xs: 'row', lg: 'column' }}
      spacing={1}
      sx={{
        alignItems: 'center',
        justifyContent: 'center',
        alignSelf: 'center',
        // Stacked lists (narrow screens) put "right" below: the arrows turn with them.
        '& svg': { transform: { xs: 'rotate(90deg)', lg: 'none' } },
      }}
    >
      <Arrow
        label={translate('beh.massOrder.dual.moveSelected')}
        disabled={!props.canMoveSelected}
        onClick={props.onMoveSelected}
        icon={<ChevronRightIcon />}
      />
      <Arrow
        label={translate('beh.massOrder.dual.moveAll')}
        disabled={!props.canMoveAll || props.movingAll}
        onClick={props.onMoveAll}
        icon={props.movingAll ? <CircularProgress size={24} /> : <KeyboardDoubleArrowRightIcon />}
      />
      <Arrow
        label={translate('beh.massOrder.dual.moveBack')}
        disabled={!props.canMoveBack}
        onClick={props.onMoveBack}
        icon={<ChevronLeftIcon />}
      />
      <Arrow
        label={translate('beh.massOrder.dual.moveAllBack')}
        disabled={!props.canMoveAllBack}
        onClick={props.onMoveAllBack}
        icon={<KeyboardDoubleArrowLeftIcon />}
      />
    </Stack>
  );
};
