import { Alert, Box, Button, CircularProgress, Divider, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import { type Loaded, useLoaded } from '../orders/useLoaded';
import { EndUserSummary } from '../pages/orderWizard/EndUserSummary';
import { WizardButtons } from '../pages/orderWizard/WizardButtons';
import type { PersonDetail } from '../types';
import { AccessLineRow } from './AccessLineRow';
import { AccessTypeSelect } from './AccessTypeSelect';
import { useAccessOrderApi } from './api';
import { findTemplate, lineOf } from './catalogue';
import { ChangeFrom } from './ChangeFrom';
import { HeldTemplates } from './HeldTemplates';
import { TemplatePicker } from './TemplatePicker';
import type { OrderableTemplates } from './types';
import type { AccessWizardAction, AccessWizardState } from './wizardState';

interface Props {
  state: AccessWizardState & { person: PersonDetail };
  dispatch: (action: AccessWizardAction) => void;
}

const Loading = ({ loaded }: { loaded: Loaded<unknown> }) => {
  const translate = useTranslate();
  if (loaded.state === 'loading')
    return <CircularProgress size={28} aria-label={translate('ra.page.loading')} />;
  if (loaded.state === 'failed')
    return <Alert severity="error">{translate(errorMessage(loaded.error))}</Alert>;
  return null;
};

const nothingThere = (answer: OrderableTemplates) => answer.areas.length === 0;

/**
 * Step 2, "Behörigheter": Nyupplägg (pick område → verksamhet → mall → yrkeskategori, add lines),
 * Förändring (a held template, then the new template and yrkeskategori) or Avslut (tick held ones).
 */
export const AccessChoiceStep = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const [nothingChosen, setNothingChosen] = useState(false);
  const { person, type, pick, lines } = state;
  // Nyupplägg's catalogue is also Förändring's list of new templates.
  const loadCatalogue = useCallback(() => api.getOrderableTemplates(person.id, 'GRANT'), [api, person.id]);
  const catalogue = useLoaded(type === 'REVOKE' ? null : loadCatalogue);
  // Förändring and Avslut: the templates the person holds.
  const loadHeld = useCallback(() => api.getOrderableTemplates(person.id, type), [api, person.id, type]);
  const heldAnswer = useLoaded(type === 'GRANT' ? null : loadHeld);
  const chosenTemplates = new Set(lines.map((line) => line.templateId));
  const chosenPrevious = new Set(lines.flatMap((line) => (line.previous ? [line.previous.templateId] : [])));
  const heldAreas = heldAnswer.state === 'ready' ? heldAnswer.value.areas : [];
  const previous = type === 'CHANGE' ? findTemplate(heldAreas, pick.previousTemplateId) : undefined;

  const next = () => {
    if (lines.length === 0) setNothingChosen(true);
    else dispatch({ kind: 'goTo', step: 'review' });
  };

  return (
    <>
      <AccessTypeSelect
        type={type}
        grantAllowed={person.active}
        onChange={(chosen) => {
          setNothingChosen(false);
          dispatch({ kind: 'type', type: chosen });
        }}
      />
      <EndUserSummary person={person} />
      <Typography variant="h6" component="h3" gutterBottom>
        {translate('beh.accessOrders.templates')}
      </Typography>
      <Alert severity="info" variant="outlined" sx={{ mb: 2, maxWidth: 900 }}>
        {translate(`beh.accessOrders.help.${type}`)}
      </Alert>

      {type === 'GRANT' && (
        <>
          <Loading loaded={catalogue} />
          {catalogue.state === 'ready' &&
            (nothingThere(catalogue.value) ? (
              <Alert severity="warning" sx={{ maxWidth: 900 }}>
                {translate('beh.accessOrders.noOperations')}
              </Alert>
            ) : (
              <TemplatePicker
                idPrefix="grant"
                areas={catalogue.value.areas}
                pick={pick}
                chosen={chosenTemplates}
                onPick={(partial) => dispatch({ kind: 'pick', pick: partial })}
                onAdd={(placed, professionId) => {
                  setNothingChosen(false);
                  dispatch({ kind: 'addLine', line: lineOf(placed, professionId) });
                }}
              />
            ))}
        </>
      )}

      {type === 'CHANGE' && (
        <>
          <Loading loaded={heldAnswer} />
          {heldAnswer.state === 'ready' &&
            (nothingThere(heldAnswer.value) ? (
              <Alert severity="warning" sx={{ maxWidth: 900 }}>
                {translate('beh.accessOrders.nothingHeld')}
              </Alert>
            ) : (
              <ChangeFrom
                areas={heldAreas}
                value={pick.previousTemplateId}
                chosen={chosenPrevious}
                onChange={(templateId) =>
                  dispatch({ kind: 'pick', pick: { previousTemplateId: templateId } })
                }
              />
            ))}
          {previous && (
            <>
              <Typography variant="subtitle1" component="h4" gutterBottom>
                {translate('beh.accessOrders.changeTo')}
              </Typography>
              <Loading loaded={catalogue} />
              {catalogue.state === 'ready' && (
                <TemplatePicker
                  idPrefix="change"
                  areas={catalogue.value.areas}
                  pick={pick}
                  chosen={chosenTemplates}
                  change={{
                    heldTemplateId: previous.template.id,
                    heldProfessionId: previous.template.held?.professionId ?? '',
                  }}
                  onPick={(partial) => dispatch({ kind: 'pick', pick: partial })}
                  onAdd={(placed, professionId) => {
                    setNothingChosen(false);
                    dispatch({ kind: 'addLine', line: lineOf(placed, professionId, previous) });
                  }}
                />
              )}
            </>
          )}
        </>
      )}

      {type === 'REVOKE' && (
        <>
          <Loading loaded={heldAnswer} />
          {heldAnswer.state === 'ready' &&
            (nothingThere(heldAnswer.value) ? (
              <Alert severity="warning" sx={{ maxWidth: 900 }}>
                {translate('beh.accessOrders.nothingHeld')}
              </Alert>
            ) : (
              <HeldTemplates
                areas={heldAnswer.value.areas}
                lines={lines}
                onToggle={(line) => {
                  setNothingChosen(false);
                  dispatch({ kind: 'toggleLine', line });
                }}
              />
            ))}
        </>
      )}

      {type !== 'REVOKE' && (
        <Box component="section" aria-labelledby="chosen-lines" sx={{ mt: 4, maxWidth: 900 }}>
          <Typography id="chosen-lines" variant="h6" component="h3">
            {translate('beh.accessOrders.chosenLines', { smart_count: lines.length })}
          </Typography>
          {lines.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('beh.accessOrders.noneChosen')}
            </Typography>
          ) : (
            lines.map((line, index) => (
              <Box key={line.key}>
                {index > 0 && <Divider />}
                <AccessLineRow
                  line={line}
                  withPlace
                  onRemove={() => dispatch({ kind: 'removeLine', key: line.key })}
                />
              </Box>
            ))
          )}
        </Box>
      )}
      {nothingChosen && (
        <Alert severity="warning" sx={{ mt: 2, maxWidth: 900 }} role="alert">
          {translate('beh.accessOrders.chooseOne')}
        </Alert>
      )}
      <WizardButtons>
        <Button variant="outlined" onClick={() => dispatch({ kind: 'goTo', step: 'person' })}>
          {translate('beh.wizard.previous')}
        </Button>
        <Button variant="contained" onClick={next}>
          {translate('beh.wizard.next')}
        </Button>
      </WizardButtons>
    </>
  );
};
