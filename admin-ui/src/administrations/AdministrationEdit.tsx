import Alert from '@mui/material/Alert';
import { Box } from '@mui/material';
import { Edit, Labeled, SaveButton, SimpleForm, TextField, Toolbar, useTranslate } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';
import { pickWritable } from '../common/pickWritable';
import { useDirectoryReadOnly } from '../directorySync/readOnly';
import type { Administration } from '../types';
import {
  ADMINISTRATION_BEH_OWNED,
  ADMINISTRATION_WRITABLE,
  AdministrationHeadInput,
  AdministrationInputs,
} from './AdministrationInputs';

/** In ldap mode the administration is KIV's: its name shown, its head (BEH's own) the one input. */
const HeadOnly = () => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('beh.directorySync.headOnly')}
      </Alert>
      <Box sx={fieldGrid}>
        <Labeled>
          <TextField source="name" />
        </Labeled>
        <AdministrationHeadInput />
      </Box>
    </>
  );
};

export default function AdministrationEdit() {
  const kiv = useDirectoryReadOnly();
  return (
    <Edit<Administration>
      mutationMode="pessimistic"
      transform={pickWritable<Administration>(kiv ? ADMINISTRATION_BEH_OWNED : ADMINISTRATION_WRITABLE)}
    >
      <SimpleForm
        toolbar={
          kiv ? (
            <Toolbar>
              <SaveButton />
            </Toolbar>
          ) : undefined
        }
      >
        {kiv ? <HeadOnly /> : <AdministrationInputs />}
      </SimpleForm>
    </Edit>
  );
}
