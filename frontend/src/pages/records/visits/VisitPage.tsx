import { kindRecordPage } from '../components/KindRecordPage';
import { visitRecord } from '../kinds/visit';

const VisitPage = kindRecordPage(visitRecord);
export default VisitPage;
