import { Alert, Box, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, Title, useLocaleState, useTranslate } from 'react-admin';

interface HelpArticleProps {
  /** The manual's name, e.g. "Manual för delegering". Swedish, like the text. */
  title: string;
  /** One sentence: what the feature is for. */
  lead: string;
  children: ReactNode;
}

/** The frame of an in-app manual. The manuals are written in Swedish, the language of the portal's users. */
export const HelpArticle = ({ title, lead, children }: HelpArticleProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Box sx={{ py: 2, maxWidth: 860 }}>
      <Title title={title} />
      <Link to="/" underline="hover">
        {'‹ '}
        {translate('beh.help.backToStart')}
      </Link>
      {locale !== 'sv' && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('beh.help.swedishOnly')}
        </Alert>
      )}
      <Paper
        component="article"
        lang="sv"
        variant="outlined"
        sx={{
          mt: 2,
          p: { xs: 2, sm: 4 },
          '& h2': { mt: 4, mb: 1 },
          '& ol, & ul': { pl: 3 },
          '& li': { mb: 0.75 },
          '& table': { borderCollapse: 'collapse', width: '100%', my: 2 },
          '& th, & td': { border: 1, borderColor: 'divider', p: 1, textAlign: 'left', verticalAlign: 'top' },
          '& th': { bgcolor: 'grey.100' },
        }}
      >
        <Typography variant="h4" component="h1" gutterBottom>
          {title}
        </Typography>
        <Typography variant="subtitle1" component="p" color="text.secondary">
          {lead}
        </Typography>
        <Typography component="div" variant="body1">
          {children}
        </Typography>
      </Paper>
    </Box>
  );
};

/** A section heading inside a manual. */
export const HelpHeading = ({ children }: { children: ReactNode }) => (
  <Typography variant="h6" component="h2">
    {children}
  </Typography>
);
