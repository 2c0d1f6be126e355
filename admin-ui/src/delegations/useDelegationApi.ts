import { useDataProvider } from 'react-admin';
import type { BehDataProvider } from '../dataProvider';
import type { DelegationApi } from './api';

/**
 * The delegation calls through react-admin's data provider, so a 401 signs the user out as for any
 * other request.
 */
export const useDelegationApi = (): DelegationApi => useDataProvider<BehDataProvider>();
