import { kindRecordPage } from '../components/KindRecordPage';
import { leadRecord } from '../kinds/lead';

const LeadPage = kindRecordPage(leadRecord);
export default LeadPage;
