// Compact dictionaries of given names and surnames, written for this project from general knowledge of
// common names across English-speaking, European, Latin American, African, Arabic, South Asian and East
// Asian naming traditions. They are evidence, not a gate: capitalisation and context words carry names the
// lists do not hold. Lower-case, space separated; diacritics kept where the usual spelling has them.

export const GIVEN_NAMES = `
aaliyah aaron abbas abby abdul abdullah abel abigail abraham abu ada adam adamu adebayo adel adele adeola adriana
adrian adrienne agnes ahmad ahmed aidan aiden aileen aisha akira akash akosua alan alana albert alberto alejandra
alejandro aleksandr aleksandra alex alexa alexander alexandra alexandre alexei alexis alfie alfonso alfred alfredo ali
alice alicia alina alisha alison alistair aliyu allan allison alma alok alvaro amanda amara amber amelia amelie amina
amir amit amna amos amy ana anastasia anders andre andrea andreas andrei andres andrew andrzej andy aneesh angel angela
angelica angelo angus anika anil anita anja ann anna annabel anne anneke annette annie anoop anthony antoine anton
antonio antonia anya aoife april araceli arash archie aria ariana ariel arjun arlene armando arnav arnold aron arthur
arturo arun arya asha ashley ashok ashton asif aslan astrid ata athena aubrey audrey august augusto aurora austin ava
avery axel ayaan ayesha ayla ayumi aziz babajide bao barbara barry bart basil beatrice beatriz becky bella ben benedict
benjamin bernard bernardo bernice beth bethany betty beverly bianca bilal bill billy bjorn blake bo bob bobby bogdan
bonnie boris brad bradley brandon brenda brendan brett brian briana bridget brittany brooke bruce bruno bryan bryce
caleb callum calvin camila cameron camille candice cara carl carla carlos carlotta carmen carol carole caroline carolyn
carson carter casey cassandra catalina catherine cecilia cedric celia celine cesar chad chandra chanel charles charlie
charlotte chelsea chen cheng cheryl chiara chidi chiamaka chinedu chioma chloe chris christian christina christine
christopher chukwuma chun cindy claire clara clarence claudia claudio clayton clement cleo clifford clint clyde cody
colin colleen connor conor constance cora corey cornelius courtney craig cristina cristian crystal curtis cynthia
cyrus dagmar daisuke daisy dale dalia damian damien dan dana daniel daniela daniele danielle danny dante daphne dara
darius darko darnell darren darryl daryl dave david davide dawit dean deborah debra declan deepa deepak deidre deja
delia demetrius denis denise dennis derek desmond devin devon dexter diana diane diego dimitri dina dinesh dmitri
dmitry dolores dominic dominika don donald donna dora doris dorothy douglas duc duncan dustin dwayne dylan ebony
eddie edgar edith edmund eduardo edward edwin efua eileen ejike elaine elena eleanor eli elias elif elijah elisa
elisabeth elise eliza elizabeth ella ellen ellie elliot elliott eloise elsa emeka emil emilia emiliano emilio emily
emir emma emmanuel enrique enzo eric erica erik erin ernest ernesto esi esperanza esra esteban estelle esther ethan
etienne eugene eun eva evan evangeline eve evelyn ewa ezra fabian fabio fahad faisal farah farid farida farrukh
fatima fatma federico felicia felipe felix fernanda fernando filip finn fiona florence florian fran frances francesca
francesco francis francisco franco frank frankie franz fred freddie frederick freya frida fumiko gabriel gabriela
gabriele gabrielle gareth garrett gary gaurav gavin gemma genevieve geoffrey george georgia gerald gerard gerardo
gerhard giacomo gianluca gideon gilbert gillian gina giovanni giulia giuseppe gladys glen glenn gloria gonzalo gordon
grace graham grant greg gregory greta guadalupe guillermo gunnar gustavo guy gwen habib hadi hailey hakan hamid hamza
hana hannah hans harold harper harriet harrison harry harvey hassan hayden heather hector heidi helen helena helga
henrik henry herbert hiroshi hiroko hitoshi hoang holly hong howard hugh hugo hui hung hussein ian ibrahim ida idris
ifeoma ignacio igor ikechukwu ilya imani imran ines inga ingrid ioana irene iris irina isaac isabel isabella isabelle
isaiah ismail ivan ivana ivy jack jackie jackson jacob jacqueline jade jaime jake jamal james jamie jan jana jane janet
janice jared jasmine jason javier jay jayden jean jeff jeffrey jelena jennifer jenny jeremiah jeremy jerome jerry
jesse jessica jesus jill jim jimmy jin jing jo joan joanna joao joaquin jocelyn jodie joe joel johan johanna john
johnny jon jonas jonathan jordan jorge jose josef joseph josephine joshua josiah joy juan juana judith judy julia
julian juliana julie julien julio julius jun june junichi justin kaito kalani kamal kamala kan kane kara karan karen
karim karina karl karthik kasia kate katarzyna katherine kathleen kathryn katie katrin kayla keiko keith kelly kelvin
ken kendra kenji kenneth kent kerry kevin khadija khalid kiara kim kimberly kirsten kofi kojo kong kourosh krishna
kristen kristina kumar kurt kwabena kwame kwasi kyle kylie lakshmi lamar lana lara larissa larry lars laszlo laura
lauren laurence lawrence layla leah lee leila lena leo leon leonard leonardo leonie leroy lesley leslie levi lewis
li lian liam lila lily lin lina linda lindsay ling lionel lisa liu livia lois lola lorenzo lori lorraine louis louise
luca lucas lucia luciana lucy luis luisa lukas luke luna lydia lynn mackenzie madeline madison mads magdalena maggie
mahmoud maja malcolm malik mandla manoj manuel manuela mara marc marcel marcela marco marcus margaret margarita maria
mariam marian mariana marie marina mario marion marisol marius mark marko marlene marta martha martin martina marvin
mary maryam masako masato mason mateo mateus matilda matteo matthew matthias maureen maurice max maxim maximilian maya
megan mehdi mehmet mei melanie melissa melvin meng mercy meredith mia michael michaela michel michele michelle miguel
mikael mike mikhail mila milan miles milica min mina minh miriam mirko misaki mohamed mohammad mohammed moira monica
monique morgan moses muhammad murat musa mustafa nadia nadine nana nancy naomi naoko narges nasser natalia natalie
natasha nathan nathaniel navid neha neil nelson nguyen nia nicholas nicola nicolas nicole niels nigel nikhil nikita
nikolai nina nisha noah noel noemi nora norah norma norman nuno obinna octavia oksana olga oliver olivia olu oluwaseun
omar omari oren orlando oscar osman owen pablo paige pamela paolo paris parisa parker pascal patricia patrick paul
paula paulina pavel pedro peggy penelope per peter petra philip philippe phoebe phyllis pierre pietro pilar piotr
pooja prakash pranav precious preeti priscilla priya priyanka quentin quinn rachel radek rafael rahul raj rajesh
ralph ramon rana randall randy raphael rashid raul ravi ray raymond rebecca reggie reginald reid renata rene renee
reza rhys ricardo richard rick ricky riley rita rob robert roberta roberto robin rocio rodrigo roger rohan roland
rolf roman ronald ronan rosa rosalind rosemary ross rowan roxanne ruby rudolf rui rupert russell ruth ryan ryo ryota
sabina sabrina sachiko sadie sahil said sakura salma salvador sam samantha samir samuel sandeep sandra sani sanjay
santiago sara sarah sasha satoshi saul savannah scott sean sebastian selena selim sergei sergio seth shane shanice
shannon sharon shauna shawn sheila shelby sherry shirley shreya shu shun siddharth sienna sigrid silas silvia simon
simone siobhan siti sofia sofie solomon sonia sophia sophie soren spencer stacy stanley stefan stefano stella stephan
stephanie stephen steve steven stuart sue sunil sunita susan susanne suzanne sven svetlana sylvia tadeusz taha takashi
takeshi tamara tamika tanisha tanya tara tariq tatiana taylor teresa terrence terry tessa thabo thandiwe thea theo
theodore theresa thomas tiago tiffany tim timothy tina tobias toby todd tom tomas tommy toni tony tracy travis trevor
tristan troy tyler uchenna ulrich uma usman valentina valentin valeria valerie vanessa vasili venkat vera veronica
victor victoria vijay vikram vincent viola violet vivek vivian vladimir wade walter wanda wang warren wayne wei wendy
wesley whitney wilhelm will william willow wilson winston wojciech xavier xin xiu yan yaw yara yasmin yasser yelena
yemi yerlan yi ying yoko yolanda yong yosef yu yuki yuko yuri yusuf yvette yvonne zachary zain zainab zara zeynep
zhang zhen zhi zoe zoltan zora zuzana
`;

export const SURNAMES = `
abbott abdullah abe acharya ackerman adams adeyemi afolabi agarwal aguilar ahmed ahn akhtar alexander ali allen
almeida alvarez amato anderson andersen andrews ansah antonelli aoki appiah araujo arnold asante ashby atkinson
austin ayala azevedo baker bakshi baldwin ball banda banerjee barbieri barker barnes barnett barrett barros bartlett
basu bauer baxter beck becker bell bellini bennett benoit berg berger bergstrom bernard bertrand bhatt bhattacharya
bianchi bishop black blair blanco boateng bondarenko booth bose bower bowman boyd bradley brady brandt brennan brooks
brown bruno bryant buchanan bui burke burns burton bush butler byrne caldwell campbell cardoso carlson carpenter carr
carroll carter carvalho castillo castro chakraborty chambers chan chang chapman chatterjee chaudhry chavez chen cheng
cho choi chopra chowdhury christensen clark clarke cohen cole coleman collins colombo conti cook cooper costa cox
crawford cruz cunningham curtis dahl dalton daniels das dasgupta davies davis dawson dean delgado dias diaz dixon
doan doherty dominguez douglas doyle dubois duncan dunn duong dupont durand edwards eklund elliott ellis erikson
eriksson esposito estrada evans farah farouk farrell ferguson fernandes fernandez ferrari ferreira fischer fisher
fitzgerald fleming fletcher flores fontaine ford foster fournier fox francis franco frank fraser freeman fujita
fuller gallagher gallo garcia gardner garrett gibson gill gomes gomez gonzales gonzalez gordon goto graham grant gray
green greene griffin gruber gupta gutierrez guzman hadid haddad hahn hale hall hamilton han hansen hanson harris
harrison hart hartmann hashemi hassan hayashi hayes heinz henderson henry hernandez herrera hill ho hoang hoffman
hoffmann hofmann holland holmes hong hopkins horvat horvath howard howell hsu hu huang hudson hughes hunt hunter
hussain hussein ibrahim ikeda ilic inoue iqbal ito ivanov ivanova iyer jackson jacobs jain james jansen janssen
jenkins jensen jimenez johansson johnson johnston jones jordan joseph joshi jovanovic jung kaczmarek kahn kamara
kang kapoor kaplan karimi katz kaur kaya keller kelly kennedy khan khanna kim king klein knight koch kovac kovacs
kowalczyk kowalski kozlov kramer krause kruger kumar kuznetsov lambert lang larsen larson lau laurent lawrence lawson
le lebedev lee lehmann leroy levy lewis li lim lin lindberg lindqvist little liu lloyd lombardi long lopez lorenz
lowe lu lucas luna lund ma macdonald mackenzie maeda mahmoud maier malik mann marchetti marino marquez marshall martin
martinez mason matsumoto mayer mazur mccarthy mcdonald mckenzie mehta meier mendes mendez mendoza menon meyer miller
mills mishra mitchell miyazaki mohamed mohammed molina moller montgomery moore morales moreau moreno morgan mori
morris morrison moss muller müller murphy murray musa mwangi nair nakamura nakano nascimento navarro neumann nguyen
nicholls nichols nielsen nikolaidis nilsson noor novak novotny nowak nunez obi obrien o'brien oconnor o'connor
odhiambo ogunleye okafor okonkwo okoro oliveira olsen olson omar ortiz osei owen owusu pacheco palmer pandey park
parker parsons patel patterson paul pavlov payne pearson pereira perez perry peters petersen peterson petrov petrovic
phillips pham pierce pinto popescu popov porter powell prasad price pham quinn rahman ramirez ramos rana rao
rasmussen reddy reed reid reyes reynolds rezaei rhodes ribeiro rice richards richardson richter riley rios rivera
rizzo roberts robertson robinson rodrigues rodriguez rogers romano romero rose ross rossi roth roy ruiz russell
russo ryan saito salazar salem sanchez sanders santos sato sauer saunders schafer schmidt schmitt schneider scholz
schroeder schulz schwartz schwarz scott sen shah shapiro sharma shaw shevchenko shin silva simmons simpson singh
sinha smith snyder sokolov soto sousa spencer stanley stein stephens stevens stewart stone suarez sullivan sun suzuki
svensson takahashi tamura tan tanaka taylor teixeira thomas thompson thomsen tkachenko torres tran tripathi tucker
turner vargas vasquez vega verma vidal vogel volkov wagner walker wallace walsh wang ward warren watanabe watson
weber webb weiss wells west white williams williamson willis wilson wolf wong wood woods wright wu xu yadav yamada
yamamoto yang yilmaz yoshida young yu zhang zhao zhou zhu zielinski zimmermann
abara abiodun achebe adair adler agbaje aguirre ahmadi akande akhtar akram albrecht alcantara aldridge alonso altman
alves amini amoah anand andrade andreev angelov ansari antonov arai archer arias armstrong arora asano ashraf avila
babic bach bae bahr bailey bajwa bakr ballard banks barbosa barlow barr barrera bartosz baptiste bassett bates batista
bautista beaumont benitez benson bernstein best bhatia blackwell blake blanc bloom bock bogdanov bolton bond bonnet
borges bosch bowen boyle bradshaw brauer braun bravo brewer bridges briggs britt brock brun bryan buckley bulut
burgess burnett byrd cabrera cai calderon camara cameron campos cano cao carey carney carrillo carson cartwright
case cassidy castellanos castro cavalcanti cerny chaudhary chauhan chaves cheung chin chu chung cisneros clayton
cline cobb cochran coelho coffey collier compton connolly contreras conway cortes cortez craig crane crosby cruz
cuevas cullen cummings dale daniel danso darby david davidson day decker delacroix deng desai dhillon diallo dietrich
dimitrov ding dinh do dogan donovan dorsey drake duarte dubey duffy dufour duke dumont dunlap dutta dyer eaton
echeverria edmonds egan ekström engel england enriquez erdogan espinoza evers falk fang farmer faulkner feng fields
figueroa finch finley fink fitzpatrick flynn fofana forbes fowler franke franklin frazier friedman frost fuchs fung
gaines galindo gallardo gamble gao garber garza gates gauthier gerber ghosh gibbs gilbert giles girard glover goh
golden goldberg goldstein gonzaga goodman goodwin gough gould grady graves greenberg gregory grimes gross guerrero
guerin guo haas haider hakimi halvorsen hamdan hamid hammond hancock hardy harper harrington hartley hashimoto
hawkins hayden haynes he heath hebert hegde heller hendricks hensley hess hicks higgins hines hinds hirano hodge
hodges hogan holden holt hooper horn horton houston huber huff humphrey hurst hutchinson huynh hwang ingram
ishikawa islam ivanovic iwasaki jaramillo jarvis jefferson jennings jimenez joyce juarez kahale kaiser kale kamau
kato kaufman kaur kavanagh keane keen kemp kendall kerr khalil khoury kilic kimura kinney kipkemboi kirby kirk
kitamura kobayashi koenig kohler kondo kong koroma kovalenko krishnan kristensen kubo kurt kwon lachance lamb lara
larkin lawal leblanc leclerc lefebvre leon leung levin lim lindgren lindsey liang lozano lucero lynch macias
mack madsen mahoney majewski mak maldonado malone mandal manning marin marks marsh marx mathew mathews matthews
maxwell may mccann mccoy mcgee mcintyre mckay mclaughlin mcneil meadows medina mejia melo mercer merrill meyers
michaels mikhailov miranda mohan molnar monroe montoya moon moran morin morrow moyo mukherjee mullen munoz murillo
murphy myers nagy naidoo najafi nash nassar ndlovu neal nelson newman newton ng ngo nieves nishimura noble nolan
norris nunes nwosu o'neill oneill o'sullivan ochoa odom ogawa oh okada okeke okoye olawale oliver omondi ong orozco
osborne oyelaran ozturk padilla page palacios palmer pan pardo parra patil patton paz pena pennington perera pham
pineda pollard poole pope potter prado pratt preston pugh qureshi radu rahimi raja rajan ramsey randall rangel ray
raza reeves reis rocha rojas rowe rubio rush saeed saha salas salinas salvi samuel sandoval santana santiago sarkar
sawyer schaefer schmid schubert schuster seidel serrano sethi shapiro sharp shepherd sherman shimizu short sierra
simon sims skinner sloan sorensen soares solis song sosa sparks stark steele stephenson stokes stuart sutton swanson
szabo tahir takeda tate tavares terry tiwari todd toth townsend trujillo tsai tsang tyler underwood uddin ueda uzor
valdez valencia van vance varga vaughn velasquez velez vu wade waller walters walton wan wade warner waters
watkins weaver webster wei wen whitaker wiggins wilcox wilkinson winter wise wolfe wong wu xiong yates yeo yildiz
yin yoon zaman zamora zapata zeng zhong zubair
`;

/** Given names that are also everyday words: weaker evidence on their own. */
export const AMBIGUOUS_GIVEN = `
april august autumn bill bob dawn faith grace guy hope iris ivy jade joy june lily mark may max miles rose ruby
sky summer will frank hunter chance chase grant hunter lee long young black white green brown gray king price
rich art page sue pat dean bishop ray rob tom
`;

/** Surnames that are also everyday words ("Price", "Young", "Park"): weaker evidence after an unknown word. */
export const AMBIGUOUS_SURNAMES = `
price long young hill wood woods stone green greene black white brown king page bell rose park lane mills fields
banks marsh cross stark may day case hall wells west north south little short small rich power sharp strong hardy
ford bush rice reed read cook baker carter mason turner miller fisher hunter porter walker ward gray grey golden
hope noble frank grant dean bishop chance chase fox wolf lamb moss snow frost winter summer spring glover hood
best sparks rivers brooks lake waters pond field marshall nash booth pope vance wise key keys love joy gates bond
holland england french welsh irish english german
`;
