import { useDataProvider } from 'react-admin';
import type { BehDataProvider } from '../dataProvider';
import type { OrderApi } from './api';

/** The ordering calls through react-admin's data provider, so a 401 signs the user out as elsewhere. */
export const useOrderApi = (): OrderApi => useDataProvider<BehDataProvider>();
