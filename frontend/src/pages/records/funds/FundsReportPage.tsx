import { kindRecordPage } from '../components/KindRecordPage';
import { fundsRecord } from '../kinds/funds';

const FundsReportPage = kindRecordPage(fundsRecord);
export default FundsReportPage;
