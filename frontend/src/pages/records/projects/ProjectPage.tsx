import { kindRecordPage } from '../components/KindRecordPage';
import { projectRecord } from '../kinds/project';

export { projectBody } from '../kinds/project';

const ProjectPage = kindRecordPage(projectRecord);
export default ProjectPage;
