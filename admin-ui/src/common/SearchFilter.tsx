import { SearchInput, type SearchInputProps, useTranslate } from 'react-admin';

/** The always-visible `q` search, with a placeholder that says what it searches and a name for screen readers. */
export const SearchFilter = ({
  hint = 'beh.filter.searchByName',
  ...props
}: SearchInputProps & { hint?: string }) => {
  const translate = useTranslate();
  const text = translate(hint);
  return (
    <SearchInput
      {...props}
      placeholder={text}
      sx={{ width: { xs: '100%', sm: 320 } }}
      slotProps={{ htmlInput: { 'aria-label': text } }}
    />
  );
};
