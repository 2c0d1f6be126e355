import { useDataProvider } from 'react-admin';
import type { BehDataProvider } from '../dataProvider';
import type { AttestApi } from './api';

/** The attest calls through react-admin's data provider, so a 401 signs the user out as elsewhere. */
export const useAttestApi = (): AttestApi => useDataProvider<BehDataProvider>();
