import { useDataProvider } from 'react-admin';
import type { BehDataProvider } from '../../dataProvider';
import type { MassOrderApi } from './api';

/** Through react-admin's data provider, so a 401 signs the user out as elsewhere. */
export const useMassOrderApi = (): MassOrderApi => useDataProvider<BehDataProvider>();
