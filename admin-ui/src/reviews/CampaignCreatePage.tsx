import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { Title, useGetList, usePermissions, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Me } from '../auth/types';
import { todayInStockholm } from '../common/dates';
import { IsoDateField, isIsoDate } from '../common/IsoDateInput';
import { errorMessage, fieldErrors } from '../common/problem';
import { type NewCampaign, reviewsApi } from './api';
import { reviewRoutes } from './routes';

interface Option {
  id: string;
  name: string;
}

/** YYYY-MM-DD `days` after `day`. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * "Ny granskning": what is reviewed (VMU assignments, the templates of local and regional
 * systems, or both) and where: administrators all units and verksamheter, one administration (VMU
 * only) or chosen ones; a head chooses among the units and verksamheter they head. Validation is
 * the server's; its messages show at the fields.
 */
export default function CampaignCreatePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { permissions: me } = usePermissions<Me>();
  const administrator = me?.roles.administrator ?? false;
  const headed = useMemo<Option[]>(
    () =>
      (me?.units ?? [])
        .filter((u) => u.via.includes('HEAD'))
        .map((u) => ({ id: u.careUnitId, name: u.careUnitName })),
    [me],
  );
  const headedOperations = useMemo<Option[]>(
    () =>
      (me?.operations ?? [])
        .filter((o) => o.via.includes('HEAD'))
        .map((o) => ({ id: o.operationId, name: o.operationName })),
    [me],
  );
  // Templates are offered to who may review some: administrators and heads of verksamheter.
  const mayReviewTemplates = administrator || headedOperations.length > 0;
  const mayReviewUnits = administrator || headed.length > 0;
  const today = todayInStockholm();
  const [name, setName] = useState('');
  const [content, setContent] = useState<NonNullable<NewCampaign['content']>>(
    mayReviewUnits ? 'VMU' : 'ACCESS',
  );
  const [operations, setOperations] = useState<Option[]>([]);
  const [scopeKind, setScopeKind] = useState<NewCampaign['scopeKind']>('UNITS');
  const [units, setUnits] = useState<Option[]>([]);
  const [unitSearch, setUnitSearch] = useState('');
  const [administrationId, setAdministrationId] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [dueDate, setDueDate] = useState(addDays(today, 30));
  const [revokeDate, setRevokeDate] = useState(addDays(today, 31));
  const [undecidedRule, setUndecidedRule] = useState<NewCampaign['undecidedRule']>('KEEP');
  const [recurrence, setRecurrence] = useState('12');
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const { data: found } = useGetList<Option>(
    'care-units',
    {
      filter: unitSearch ? { q: unitSearch } : {},
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
    },
    { enabled: administrator },
  );
  const { data: allOperations } = useGetList<Option>(
    'access-operations',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: administrator && content !== 'VMU' },
  );
  const { data: administrations } = useGetList<Option>(
    'administrations',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: administrator },
  );
  const errors = fieldErrors(error) ?? {};
  const problem = (field: string) => {
    const message = errors[field] as unknown;
    return Array.isArray(message) ? message.join(' ') : (message as string | undefined);
  };

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const created = await reviewsApi.create({
        name,
        content,
        scopeKind,
        ...(scopeKind === 'UNITS' && content !== 'ACCESS' ? { careUnitIds: units.map((u) => u.id) } : {}),
        ...(scopeKind === 'UNITS' && content !== 'VMU'
          ? { accessOperationIds: operations.map((o) => o.id) }
          : {}),
        ...(scopeKind === 'ADMINISTRATION' ? { administrationId } : {}),
        startDate,
        dueDate,
        revokeDate,
        undecidedRule,
        recurrenceMonths: recurrence ? Number(recurrence) : null,
      } as NewCampaign);
      navigate(reviewRoutes.review(created.id));
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ mt: 1 }}>
      <Title title="beh.reviews.create.title" />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {translate('beh.reviews.create.title')}
          </Typography>
          <Stack spacing={2} sx={{ maxWidth: 640 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {translate(errorMessage(error), { _: errorMessage(error) })}
              </Alert>
            ) : null}
            <TextField
              label={translate('beh.reviews.create.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              error={!!problem('name')}
              helperText={problem('name') ?? translate('beh.reviews.create.nameHelp')}
            />
            {mayReviewTemplates && (
              <FormControl error={!!problem('content')}>
                <FormLabel id="review-content">{translate('beh.reviews.create.content')}</FormLabel>
                <RadioGroup
                  aria-labelledby="review-content"
                  value={content}
                  onChange={(e) => {
                    const next = e.target.value as NonNullable<NewCampaign['content']>;
                    setContent(next);
                    if (next !== 'VMU' && scopeKind === 'ADMINISTRATION') setScopeKind('UNITS');
                  }}
                >
                  {(['VMU', 'ACCESS', 'BOTH'] as const)
                    .filter((c) => c === 'ACCESS' || mayReviewUnits)
                    .map((c) => (
                      <FormControlLabel
                        key={c}
                        value={c}
                        control={<Radio />}
                        label={translate(`beh.reviews.content.${c}`)}
                      />
                    ))}
                </RadioGroup>
                {problem('content') && <FormHelperText>{problem('content')}</FormHelperText>}
              </FormControl>
            )}
            <FormControl>
              <FormLabel id="review-scope">{translate('beh.reviews.create.scope')}</FormLabel>
              <RadioGroup
                aria-labelledby="review-scope"
                value={scopeKind}
                onChange={(e) => setScopeKind(e.target.value as NewCampaign['scopeKind'])}
              >
                <FormControlLabel
                  value="UNITS"
                  control={<Radio />}
                  label={translate(`beh.reviews.scopeFor.${content}.UNITS`)}
                />
                {administrator && content === 'VMU' && (
                  <FormControlLabel
                    value="ADMINISTRATION"
                    control={<Radio />}
                    label={translate(`beh.reviews.scopeFor.${content}.ADMINISTRATION`)}
                  />
                )}
                {administrator && (
                  <FormControlLabel
                    value="ALL"
                    control={<Radio />}
                    label={translate(`beh.reviews.scopeFor.${content}.ALL`)}
                  />
                )}
              </RadioGroup>
            </FormControl>
            {scopeKind === 'UNITS' && administrator && content !== 'ACCESS' && (
              <Autocomplete
                multiple
                options={(found ?? []).map((u) => ({ id: String(u.id), name: u.name }))}
                value={units}
                onChange={(_e, value) => setUnits(value)}
                onInputChange={(_e, value) => setUnitSearch(value)}
                getOptionLabel={(o) => o.name}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                filterOptions={(o) => o}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={translate('beh.reviews.create.units')}
                    error={!!problem('careUnitIds')}
                    helperText={problem('careUnitIds') ?? translate('beh.reviews.create.unitsHelp')}
                  />
                )}
              />
            )}
            {scopeKind === 'UNITS' && !administrator && content !== 'ACCESS' && (
              <FormControl error={!!problem('careUnitIds')}>
                <FormLabel>{translate('beh.reviews.create.ownUnits')}</FormLabel>
                <FormGroup>
                  {headed.map((u) => (
                    <FormControlLabel
                      key={u.id}
                      label={u.name}
                      control={
                        <Checkbox
                          checked={units.some((x) => x.id === u.id)}
                          onChange={(e) =>
                            setUnits(e.target.checked ? [...units, u] : units.filter((x) => x.id !== u.id))
                          }
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {problem('careUnitIds') && <FormHelperText>{problem('careUnitIds')}</FormHelperText>}
              </FormControl>
            )}
            {scopeKind === 'UNITS' && administrator && content !== 'VMU' && (
              <Autocomplete
                multiple
                options={(allOperations ?? []).map((o) => ({ id: String(o.id), name: o.name }))}
                value={operations}
                onChange={(_e, value) => setOperations(value)}
                getOptionLabel={(o) => o.name}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={translate('beh.reviews.create.operations')}
                    error={!!problem('accessOperationIds')}
                    helperText={
                      problem('accessOperationIds') ?? translate('beh.reviews.create.operationsHelp')
                    }
                  />
                )}
              />
            )}
            {scopeKind === 'UNITS' && !administrator && content !== 'VMU' && (
              <FormControl error={!!problem('accessOperationIds')}>
                <FormLabel>{translate('beh.reviews.create.ownOperations')}</FormLabel>
                <FormGroup>
                  {headedOperations.map((o) => (
                    <FormControlLabel
                      key={o.id}
                      label={o.name}
                      control={
                        <Checkbox
                          checked={operations.some((x) => x.id === o.id)}
                          onChange={(e) =>
                            setOperations(
                              e.target.checked ? [...operations, o] : operations.filter((x) => x.id !== o.id),
                            )
                          }
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {problem('accessOperationIds') && (
                  <FormHelperText>{problem('accessOperationIds')}</FormHelperText>
                )}
              </FormControl>
            )}
            {scopeKind === 'ADMINISTRATION' && (
              <TextField
                select
                label={translate('beh.reviews.create.administration')}
                value={administrationId}
                onChange={(e) => setAdministrationId(e.target.value)}
                error={!!problem('administrationId')}
                helperText={problem('administrationId')}
              >
                {(administrations ?? []).map((a) => (
                  <MenuItem key={a.id} value={String(a.id)}>
                    {a.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <IsoDateField
                label={translate('beh.reviews.create.startDate')}
                value={startDate}
                onChange={setStartDate}
                error={!!problem('startDate')}
                helperText={problem('startDate')}
              />
              <IsoDateField
                label={translate('beh.reviews.create.dueDate')}
                value={dueDate}
                onChange={setDueDate}
                error={!!problem('dueDate')}
                helperText={problem('dueDate')}
              />
              <IsoDateField
                label={translate('beh.reviews.create.revokeDate')}
                value={revokeDate}
                onChange={setRevokeDate}
                error={!!problem('revokeDate')}
                helperText={problem('revokeDate')}
              />
            </Stack>
            <FormControl>
              <FormLabel id="review-undecided">{translate('beh.reviews.create.undecided')}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="review-undecided"
                value={undecidedRule}
                onChange={(e) => setUndecidedRule(e.target.value as NewCampaign['undecidedRule'])}
              >
                <FormControlLabel
                  value="KEEP"
                  control={<Radio />}
                  label={translate('beh.reviews.create.undecidedKeep')}
                />
                <FormControlLabel
                  value="REVOKE"
                  control={<Radio />}
                  label={translate('beh.reviews.create.undecidedRevoke')}
                />
              </RadioGroup>
            </FormControl>
            <TextField
              select
              label={translate('beh.reviews.create.recurrence')}
              value={recurrence}
              onChange={(e) => setRecurrence(e.target.value)}
              sx={{ maxWidth: 280 }}
            >
              <MenuItem value="">{translate('beh.reviews.create.recurrenceNone')}</MenuItem>
              {['6', '12', '24'].map((m) => (
                <MenuItem key={m} value={m}>
                  {translate('beh.reviews.create.recurrenceMonths', { smart_count: Number(m) })}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="body2">{translate('beh.reviews.create.reviewer')}</Typography>
            <Box>
              <Button
                variant="contained"
                onClick={() => void submit()}
                disabled={
                  saving ||
                  !name.trim() ||
                  !isIsoDate(startDate) ||
                  !isIsoDate(dueDate) ||
                  !isIsoDate(revokeDate)
                }
              >
                {translate('beh.reviews.create.submit')}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
