import { DeleteButton, SaveButton, Toolbar, useRecordContext } from 'react-admin';
import { backToPerson } from './backToPerson';

/** Save, and delete that returns to the person rather than to a list nobody sees. */
export const PersonFormToolbar = () => {
  const record = useRecordContext<{ id: string; personId: string }>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {record?.id ? (
        <DeleteButton mutationMode="pessimistic" redirect={backToPerson(undefined, record.id, record)} />
      ) : null}
    </Toolbar>
  );
};
