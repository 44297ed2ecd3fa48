// Capitalised words that are not names but often stand next to one: greetings, titles, role nouns, months,
// days, document labels, organisation and place words. A run of capitalised words is split at these.

export const NOT_NAME_WORDS = new Set(
  `
a an the this that these those there here it its i i'm i've we you he she they my our your his her their me us them
and or but if so as at by for from in into of on to with without about after before between during under over via
is are was were be been am do does did have has had will would can could should may might must shall not no yes
please thanks thank hi hello hey dear greetings regards sincerely cheers best kind yours attn attention re fw fwd cc bcc
mr mrs ms miss mx dr prof sir madam mister doctor professor rev hon sr jr
patient customer client employee user member applicant traveler traveller passenger tenant candidate guest
recipient sender holder owner manager admin administrator team support staff contact account name names
new old first last next previous final full other same all any each every some many most more much few
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
january february march april june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec
street st road rd avenue ave lane ln drive boulevard blvd court ct place terrace way parkway circle highway square
north south east west northern southern eastern western central upper lower greater
inc ltd llc plc corp corporation company co group bank university college school hospital clinic institute
foundation association department dept ministry office agency service services center centre
subject date time address phone email mail tel fax mobile number id no ref reference invoice order payment card
total amount balance note notes summary description details report status priority issue ticket case
error warning info debug notice alert log
ssn dob passport visa iban swift bic kyc gdpr hipaa pii api url http https sql json csv pdf
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa
kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
hampshire jersey mexico york ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont washington wisconsin
wyoming dakota america american europe european asia africa australia canada england britain scotland wales ireland
germany france spain italy portugal netherlands belgium switzerland austria poland sweden norway denmark finland
russia ukraine china japan korea india pakistan brazil argentina nigeria kenya egypt israel turkey
london paris berlin madrid rome tokyo beijing shanghai moscow dublin amsterdam brussels vienna zurich chicago boston
seattle atlanta dallas houston miami denver toronto vancouver sydney melbourne mumbai delhi singapore
yes ok okay sure well also just only even still then now when where why how what which who whom whose
`.split(/\s{1,16}/),
);
